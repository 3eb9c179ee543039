import { GrantType } from '../../../contract/grant-types.js'
import { OAuthError } from '../../../contract/oauth-error.js'
import { hasActiveAuthenticator } from '../../../domain/authenticator-list.js'
import { findUserByLogin } from '../../../domain/store.js'
import { requireParam } from '../../../http/params.js'
import { safeEqual } from '../../../tokens/safe-equal.js'
import { mfaAudiences } from '../../access-token.js'
import { issueTokens } from '../issue-tokens.js'
import type { Grant, GrantContext } from './grant.js'
import { mfaRequired } from './mfa-required.js'

async function run({ tenant, client, params, url, trace, scenarios }: GrantContext) {
  const username = requireParam(params, 'username')
  const password = requireParam(params, 'password')
  const realm = params.realm
  if (realm && !tenant.fixture.tenant.connections.includes(realm)) {
    throw new OAuthError('unknown_realm', { realm })
  }
  const user = findUserByLogin(tenant, username)
  if (!user || !safeEqual(password, user.profile.password))
    throw new OAuthError('wrong_credentials')
  trace.userId = user.profile.user_id
  if (user.blocked) throw new OAuthError('password_user_blocked')
  const scope = params.scope ?? tenant.fixture.tenant.default_scope
  const audience = params.audience || undefined
  // Asking for the MFA API's audience forces MFA on a user with a factor, as Auth0 does.
  const forced = audience !== undefined && mfaAudiences(tenant, url).includes(audience)
  if (user.mfaRequired || (forced && hasActiveAuthenticator(user))) {
    mfaRequired(tenant, user, client, { scope, audience, scenarios })
  }
  return issueTokens(tenant, { user, client, scope, audience, url })
}

/** `password`: the resource-owner password grant; MFA users get `mfa_required` and an mfa_token. */
export const passwordGrant: Grant = { type: GrantType.password, run }

/** `password-realm`: the same with a required `realm`, one of the tenant's `connections`. */
export const passwordRealmGrant: Grant = {
  type: GrantType.passwordRealm,
  run(ctx) {
    requireParam(ctx.params, 'realm')
    return run(ctx)
  },
}
