import { compactVerify, createLocalJWKSet, decodeJwt } from 'jose'
import { issuerFor, type TenantContext } from '../../domain/tenant.js'

/**
 * The client an `id_token_hint` was issued to: its `aud`, once the signature (the tenant's keys)
 * and the issuer check out. An expired hint still names its client, as OpenID Connect allows.
 */
export async function clientOfIdTokenHint(
  tenant: TenantContext,
  hint: string,
  url: URL,
): Promise<string | undefined> {
  const keys = await tenant.keys()
  try {
    await compactVerify(hint, createLocalJWKSet({ keys: keys.map((k) => k.publicJwk) }))
    const claims = decodeJwt(hint)
    if (claims.iss !== issuerFor(tenant, url)) return undefined
    const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud
    return typeof aud === 'string' ? aud : undefined
  } catch {
    return undefined
  }
}
