import type { ClientFixture } from '../../config/schema.js'
import { GrantType } from '../../contract/grant-types.js'
import { userManagementScopes } from '../../contract/user-scopes.js'
import { newJwtId, recordOpaqueAccessToken } from '../../domain/access-tokens.js'
import { managementAudience } from '../../domain/client-grants.js'
import { addRefreshToken } from '../../domain/refresh-tokens.js'
import type { UserView } from '../../domain/store.js'
import { issuerFor, type TenantContext } from '../../domain/tenant.js'
import { signJwt } from '../../tokens/jwt.js'
import { OIDC_SCOPES, scopeValues } from '../../tokens/scope.js'
import { mfaAudiences } from '../access-token.js'
import { profileClaims } from '../profile-claims.js'

/** Auth0 issues MFA API access tokens for 600 s, whatever the tenant's access-token lifetime. */
export const MFA_ACCESS_TOKEN_LIFETIME = 600

/** Who gets tokens, for which client, with what the login asked for. */
export interface TokenGrant {
  user: UserView
  client: ClientFixture
  scope: string
  audience: string | undefined
  url: URL
  /** The user's new recovery code, for the recovery-code grant. */
  recoveryCode?: string
  /** `false` leaves the refresh token out (a non-rotating refresh). */
  refreshToken?: boolean
  /** The family of the refresh token a rotation replaces; a new login starts its own. */
  refreshFamily?: string
  /** The scope a new refresh token keeps when a refresh narrowed `scope` (the original grant's). */
  refreshScope?: string
}

/** A successful `/oauth/token` body, keys in Auth0's order. */
export type TokenBody = Record<string, string | number>

/**
 * Mints the tokens of a successful grant: an access token (an RS256 JWT for an audience, opaque
 * without), an ID token when `openid` was asked for, and a refresh token with `offline_access`
 * for a client allowed to refresh.
 */
export async function issueTokens(tenant: TenantContext, grant: TokenGrant): Promise<TokenBody> {
  const { user, client, scope, audience } = grant
  const settings = tenant.fixture.tenant
  const issuer = issuerFor(tenant, grant.url)
  const [key] = await tenant.keys()
  if (!key) throw new Error('the tenant has no signing key')
  const iat = Math.floor(tenant.clock.now() / 1000)
  const sub = user.profile.user_id
  // Without an audience only OpenID Connect scopes are granted; with none left, no `scope` key.
  // A user's token for the Management API carries only the `*:current_user*` scopes it asked for.
  const asked = scopeValues(scope).filter((s) => audience !== undefined || OIDC_SCOPES.has(s))
  const scopes =
    audience === managementAudience(tenant, grant.url) ? userManagementScopes(asked) : asked
  const granted = scopes.join(' ')
  const openid = scopes.includes('openid')
  const userinfo = `${issuer}userinfo`
  const lifetime =
    audience && mfaAudiences(tenant, grant.url).includes(audience)
      ? MFA_ACCESS_TOKEN_LIFETIME
      : settings.access_token_lifetime
  // Like Auth0: a JWT for an API audience, an opaque token without one. Both JWTs are signed
  // at once (WebCrypto signs on libuv's thread pool).
  const accessToken = audience
    ? signJwt(key, {
        iss: issuer,
        sub,
        aud: openid ? [audience, userinfo] : audience,
        iat,
        exp: iat + lifetime,
        scope: granted,
        azp: client.client_id,
        jti: newJwtId(tenant),
      })
    : opaqueAccessToken(tenant, grant, (iat + lifetime) * 1000)
  const idToken = openid
    ? signJwt(
        key,
        // The profile claims first, then these: Auth0's order.
        Object.assign(await profileClaims(tenant, user, scopes), {
          iss: issuer,
          aud: client.client_id,
          sub,
          iat,
          exp: iat + settings.id_token_lifetime,
        }),
      )
    : undefined
  const refreshScope = grant.refreshScope ?? scope
  const refreshable =
    scopeValues(refreshScope).includes('offline_access') &&
    client.grant_types.includes(GrantType.refreshToken)
  let refreshToken: string | undefined
  if (refreshable && grant.refreshToken !== false) {
    refreshToken = tenant.gen.refreshToken()
    addRefreshToken(tenant, refreshToken, {
      userId: sub,
      clientId: client.client_id,
      scope: refreshScope,
      audience,
      family: grant.refreshFamily ?? refreshToken,
    })
  }
  const [access, id] = await Promise.all([accessToken, idToken])
  const body: TokenBody = { access_token: access }
  if (refreshToken) body.refresh_token = refreshToken
  if (id) body.id_token = id
  if (granted) body.scope = granted
  body.expires_in = lifetime
  if (grant.recoveryCode !== undefined) body.recovery_code = grant.recoveryCode
  body.token_type = 'Bearer'
  return body
}

/** An opaque access token (no audience), remembered so `/userinfo` can answer for it. */
function opaqueAccessToken(tenant: TenantContext, grant: TokenGrant, expiresAt: number): string {
  const token = tenant.gen.accessToken()
  recordOpaqueAccessToken(tenant, token, {
    userId: grant.user.profile.user_id,
    clientId: grant.client.client_id,
    scope: grant.scope,
    expiresAt,
  })
  return token
}
