import { GrantType } from '../../../contract/grant-types.js'
import { OAuthError } from '../../../contract/oauth-error.js'
import { recordManagementToken } from '../../../domain/access-tokens.js'
import { managementAudience, managementGrantOf } from '../../../domain/client-grants.js'
import { issuerFor } from '../../../domain/tenant.js'
import { signJwt } from '../../../tokens/jwt.js'
import { scopeValues } from '../../../tokens/scope.js'
import type { TokenBody } from '../issue-tokens.js'
import type { Grant, GrantContext } from './grant.js'

/** The scopes to grant: all of the client grant's, or those asked for when all are granted. */
function grantedScopes(allowed: readonly string[], requested: string | undefined): string[] {
  if (!requested?.trim()) return [...allowed]
  const wanted = scopeValues(requested)
  const missing = wanted.filter((s) => !allowed.includes(s))
  if (missing.length) throw new OAuthError('scopes_not_granted', { scopes: missing.join(', ') })
  return wanted
}

async function run({ tenant, client, params, url }: GrantContext): Promise<TokenBody> {
  const audience = params.audience
  if (!audience) throw new OAuthError('missing_audience')
  // The Management API is the only API this emulator serves: any other audience names none.
  const api = managementAudience(tenant, url)
  if (audience !== api) throw new OAuthError('audience_not_enabled', { audience })
  const grant = managementGrantOf(client, api)
  if (!grant) throw new OAuthError('no_client_grant', { audience })
  const scope = grantedScopes(grant.scope, params.scope).join(' ')
  const [key] = await tenant.keys()
  if (!key) throw new Error('the tenant has no signing key')
  const iat = Math.floor(tenant.clock.now() / 1000)
  const lifetime = tenant.fixture.tenant.access_token_lifetime
  // Claims in the order Auth0's tokens carry them; `scope` is left out when nothing is granted.
  const accessToken = await signJwt(key, {
    iss: issuerFor(tenant, url),
    sub: `${client.client_id}@clients`,
    aud: api,
    iat,
    exp: iat + lifetime,
    azp: client.client_id,
    ...(scope ? { scope } : {}),
    gty: 'client-credentials',
  })
  recordManagementToken(tenant, accessToken, (iat + lifetime) * 1000)
  return {
    access_token: accessToken,
    ...(scope ? { scope } : {}),
    expires_in: lifetime,
    token_type: 'Bearer',
  }
}

/** `client_credentials` for the Management API: a machine-to-machine token from a client grant. */
export const clientCredentialsGrant: Grant = { type: GrantType.clientCredentials, run }
