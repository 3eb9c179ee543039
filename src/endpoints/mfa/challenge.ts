import { OAuthError } from '../../contract/oauth-error.js'
import { isOob, liveAuthenticators } from '../../domain/authenticator-list.js'
import { resolveMfaToken } from '../../domain/mfa-tokens.js'
import { sendOobChallenge } from '../../domain/oob-challenges.js'
import { sendPush } from '../../domain/pushes.js'
import type { TenantContext } from '../../domain/tenant.js'
import { requireParam } from '../../http/params.js'
import type { RouteContext } from '../../http/pipeline.js'
import type { ClientCaller } from '../token/client-auth.js'
import { pushAutoAnswer } from './push.js'

const CHALLENGE_TYPES = new Set(['otp', 'oob'])

/**
 * `POST /mfa/challenge`: picks the user's factor for `challenge_type` (or `authenticator_id`);
 * an OOB factor gets a fresh `oob_code` and a binding code "sent" to the user.
 */
export function challenge(
  tenant: TenantContext,
  { scenarios, trace, caller: { client, params } }: RouteContext<ClientCaller>,
) {
  const mfaToken = requireParam(params, 'mfa_token')
  const types = requireParam(params, 'challenge_type').split(/\s+/).filter(Boolean)
  if (types.includes('recovery-code')) {
    throw new OAuthError('invalid_mfa_parameter', {
      detail: `Recovery codes need no challenge: send the code to /oauth/token with grant_type=http://auth0.com/oauth/grant-type/mfa-recovery-code`,
    })
  }
  if (!types.every((t) => CHALLENGE_TYPES.has(t))) {
    throw new OAuthError('invalid_mfa_parameter', {
      detail: "challenge_type must be 'otp', 'oob' or 'otp oob'",
    })
  }
  const { user } = resolveMfaToken(tenant, mfaToken, {
    clientId: client.client_id,
    forTokenGrant: false,
    malformed: scenarios.apply('malformed-mfa-token'),
    expired: scenarios.apply('expired-mfa-token'),
  })
  trace.userId = user.profile.user_id
  const typeOf = (kind: Parameters<typeof isOob>[0]) => (isOob(kind) ? 'oob' : 'otp')
  const wanted = params.authenticator_id
  const factors = liveAuthenticators(tenant, user)
  const authenticator = wanted
    ? factors.find((a) => a.id === wanted)
    : factors.find((a) => a.active && types.includes(typeOf(a.kind)))
  if (wanted && !authenticator) throw new OAuthError('authenticator_not_found')
  if (!authenticator || !types.includes(typeOf(authenticator.kind)))
    throw new OAuthError('not_enrolled', { challenge_type: types.join(' ') })
  if (!isOob(authenticator.kind)) return { challenge_type: 'otp' }
  if (authenticator.kind === 'push') {
    const userId = user.profile.user_id
    const answer = pushAutoAnswer(scenarios)
    return {
      challenge_type: 'oob',
      oob_code: sendPush(tenant, userId, authenticator.id, 'challenge', answer),
    }
  }
  return {
    challenge_type: 'oob',
    oob_code: sendOobChallenge(tenant, user.profile.user_id, authenticator),
    binding_method: 'prompt',
  }
}
