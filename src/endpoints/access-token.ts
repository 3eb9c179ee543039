import { createLocalJWKSet, errors, jwtVerify } from 'jose'
import { findOpaqueAccessToken, signedHere } from '../domain/access-tokens.js'
import { issuerFor, type TenantContext } from '../domain/tenant.js'
import { scopeValues } from '../tokens/scope.js'

/** What an access token the emulator issued grants. */
export interface AccessGrant {
  userId: string
  clientId: string
  scopes: string[]
  /** Its audiences; empty for an opaque token (issued without an audience). */
  audiences: string[]
}

/** Why an access token was refused. */
export type AccessTokenProblem = 'invalid' | 'expired'

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/

/** Whether a bearer token is a JWT (an access token) rather than an opaque handle. */
export function looksLikeJwt(token: string): boolean {
  return JWT.test(token)
}

/**
 * Checks an access token this tenant issued: a JWT (signature with the tenant's keys, issuer,
 * expiry on the emulator clock) or a remembered opaque token.
 */
export async function verifyAccessToken(
  tenant: TenantContext,
  token: string,
  url: URL,
): Promise<AccessGrant | AccessTokenProblem> {
  const now = tenant.clock.now()
  if (!looksLikeJwt(token)) {
    const record = findOpaqueAccessToken(tenant, token)
    if (!record) return 'invalid'
    if (now >= record.expiresAt) return 'expired'
    return { ...record, scopes: scopeValues(record.scope), audiences: [] }
  }
  const keys = await tenant.keys()
  try {
    const { payload } = await jwtVerify(
      token,
      createLocalJWKSet({ keys: keys.map((k) => k.publicJwk) }),
      {
        issuer: issuerFor(tenant, url),
        algorithms: ['RS256'],
        currentDate: new Date(now),
      },
    )
    // A twin tenant (same fixture, same key) signed it: not this tenant's token.
    if (!signedHere(tenant, payload.jti)) return 'invalid'
    const aud = payload.aud
    return {
      userId: String(payload.sub ?? ''),
      clientId: String(payload.azp ?? ''),
      scopes: scopeValues(typeof payload.scope === 'string' ? payload.scope : ''),
      audiences: Array.isArray(aud) ? aud : aud ? [aud] : [],
    }
  } catch (err) {
    return err instanceof errors.JWTExpired ? 'expired' : 'invalid'
  }
}

/** The MFA API's audience for a request: `https://{domain}/mfa/` of the issuer or the tenant. */
export function mfaAudiences(tenant: TenantContext, url: URL): string[] {
  return [`${issuerFor(tenant, url)}mfa/`, `https://${tenant.fixture.tenant.domain}/mfa/`]
}
