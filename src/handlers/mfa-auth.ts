import { OAuthError } from '../contract/oauth-error.js'
import type { Core } from '../core.js'
import { type ResolvedMfaToken, resolveMfaToken } from '../grants/mfa-token.js'
import type { RequestScenarios } from '../scenarios/controls.js'

/** Resolves the `Authorization: Bearer <mfa_token>` of an `/mfa/*` request. */
export function bearerMfaToken(
  core: Core,
  request: Request,
  scenarios: RequestScenarios,
): ResolvedMfaToken {
  const header = request.headers.get('authorization') ?? ''
  const match = /^bearer\s+(\S+)\s*$/i.exec(header)
  if (!match?.[1]) throw new OAuthError('missing_bearer_token')
  return resolveMfaToken(core, scenarios, match[1], { forTokenGrant: false })
}
