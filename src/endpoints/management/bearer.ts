import { createLocalJWKSet, errors, type JWTPayload, jwtVerify } from 'jose'
import { ManagementError } from '../../contract/management-error.js'
import { managementAudience } from '../../domain/client-grants.js'
import type { RequestTrace } from '../../domain/journal.js'
import { issuerFor, type TenantContext } from '../../domain/tenant.js'
import { scopeValues } from '../../tokens/scope.js'

/** The failure a token verification error stands for, worded as Auth0's Management API words it. */
function verificationFailure(err: unknown): ManagementError {
  if (err instanceof errors.JWTExpired) return new ManagementError('expired_token')
  if (
    err instanceof errors.JWSSignatureVerificationFailed ||
    err instanceof errors.JWKSNoMatchingKey
  )
    return new ManagementError('invalid_signature')
  return new ManagementError('invalid_token')
}

/**
 * Verifies the `Authorization: Bearer` access token of a Management API request: an RS256 JWT
 * this tenant signed, for its issuer and its `https://{domain}/api/v2/` audience, unexpired on the
 * emulator clock. Returns the scopes it grants.
 */
export async function verifyManagementToken(
  tenant: TenantContext,
  request: Request,
  trace: RequestTrace,
): Promise<string[]> {
  const header = request.headers.get('authorization')
  if (header === null) throw new ManagementError('missing_authentication')
  const match = /^bearer +(\S+) *$/i.exec(header)
  if (!match?.[1]) throw new ManagementError('bad_authentication_header')
  const url = new URL(request.url)
  const keys = createLocalJWKSet({ keys: (await tenant.keys()).map((k) => k.publicJwk) })
  let payload: JWTPayload
  try {
    ;({ payload } = await jwtVerify(match[1], keys, {
      issuer: issuerFor(tenant, url),
      audience: managementAudience(tenant, url),
      algorithms: ['RS256'],
      currentDate: new Date(tenant.clock.now()),
    }))
  } catch (err) {
    throw verificationFailure(err)
  }
  if (typeof payload.azp === 'string') trace.clientId = payload.azp
  return typeof payload.scope === 'string' ? scopeValues(payload.scope) : []
}

/** Refuses a token that holds none of the scopes a route accepts (`403 insufficient_scope`). */
export function requireScope(granted: readonly string[], accepted: readonly string[]): void {
  if (!accepted.some((s) => granted.includes(s))) {
    throw new ManagementError('insufficient_scope', { scopes: accepted.join(',') })
  }
}
