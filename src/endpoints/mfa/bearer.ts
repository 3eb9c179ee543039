import { OAuthError } from '../../contract/oauth-error.js'
import { resolveMfaToken } from '../../domain/mfa-tokens.js'
import { findUser, type UserView } from '../../domain/store.js'
import type { TenantContext } from '../../domain/tenant.js'
import { bearerOf } from '../../http/bearer.js'
import type { Caller } from '../../http/pipeline.js'
import type { RequestScenarios } from '../../scenarios/flags.js'
import { looksLikeJwt, mfaAudiences, verifyAccessToken } from '../access-token.js'

/** Who an `/mfa/*` request acts for, and with which kind of credential. */
export interface MfaBearer {
  user: UserView
  /** True for an MFA-audience access token, false for an mfa_token. */
  viaAccessToken: boolean
}

/** What an MFA API endpoint accepts. */
export interface MfaBearerRule {
  /** Whether an mfa_token is accepted (DELETE takes only an access token). */
  mfaToken: boolean
  /** The scope an MFA-audience access token must carry. */
  scope: 'read:authenticators' | 'enroll' | 'remove:authenticators'
}

const invalid = () => new OAuthError('mfa_api_invalid_token')

/**
 * The MFA API's caller check: the `Authorization: Bearer …` is an mfa_token from a login that
 * answered `mfa_required`, or an access token for the MFA API audience (`https://{domain}/mfa/`)
 * carrying the endpoint's scope, as Auth0 accepts each per endpoint.
 */
export function mfaCaller(rule: MfaBearerRule): Caller<MfaBearer> {
  return {
    kind: 'mfa-bearer',
    async check(tenant, request, scenarios, trace) {
      const bearer = bearerOf(request.headers.get('authorization'))
      if (typeof bearer === 'string') throw new OAuthError('missing_bearer_token')
      const url = new URL(request.url)
      if (looksLikeJwt(bearer.token)) {
        const grant = await verifyAccessToken(tenant, bearer.token, url)
        if (typeof grant === 'string') throw invalid()
        const audiences = mfaAudiences(tenant, url)
        if (!grant.audiences.some((a) => audiences.includes(a))) throw invalid()
        const user = findUser(tenant, grant.userId)
        if (!user) throw invalid()
        trace.userId = grant.userId
        trace.clientId = grant.clientId
        if (!grant.scopes.includes(rule.scope)) throw new OAuthError('insufficient_scope')
        return { user, viaAccessToken: true }
      }
      if (!rule.mfaToken) throw invalid()
      const resolved = resolveOrInvalid(tenant, bearer.token, scenarios)
      trace.userId = resolved.user.profile.user_id
      trace.clientId = resolved.record.clientId
      return { user: resolved.user, viaAccessToken: false }
    },
  }
}

/** The mfa_token's binding; an unknown, altered or used one answers the MFA API's own text. */
function resolveOrInvalid(tenant: TenantContext, token: string, scenarios: RequestScenarios) {
  try {
    return resolveMfaToken(tenant, token, {
      forTokenGrant: false,
      malformed: scenarios.apply('malformed-mfa-token'),
      expired: scenarios.apply('expired-mfa-token'),
    })
  } catch (err) {
    const key = err instanceof OAuthError ? err.key : undefined
    if (key === 'malformed_mfa_token' || key === 'used_mfa_token') throw invalid()
    throw err
  }
}
