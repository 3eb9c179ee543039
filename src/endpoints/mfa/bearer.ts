import { OAuthError } from '../../contract/oauth-error.js'
import type { RequestTrace } from '../../domain/journal.js'
import { type ResolvedMfaToken, resolveMfaToken } from '../../domain/mfa-tokens.js'
import type { TenantContext } from '../../domain/tenant.js'
import type { RequestScenarios } from '../../scenarios/flags.js'

/** Resolves the `Authorization: Bearer <mfa_token>` of an `/mfa/*` request. */
export function bearerMfaToken(
  tenant: TenantContext,
  request: Request,
  scenarios: RequestScenarios,
  trace: RequestTrace,
): ResolvedMfaToken {
  const header = request.headers.get('authorization') ?? ''
  const match = /^bearer\s+(\S+)\s*$/i.exec(header)
  if (!match?.[1]) throw new OAuthError('missing_bearer_token')
  const resolved = resolveMfaToken(tenant, match[1], {
    forTokenGrant: false,
    malformed: scenarios.apply('malformed-mfa-token'),
    expired: scenarios.apply('expired-mfa-token'),
  })
  trace.userId = resolved.user.profile.user_id
  trace.clientId = resolved.record.clientId
  return resolved
}
