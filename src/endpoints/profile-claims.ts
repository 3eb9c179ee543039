import { pictureOf } from '../domain/pictures.js'
import type { UserView } from '../domain/store.js'
import type { TenantContext } from '../domain/tenant.js'

/**
 * The profile and email claims a scope grants, in Auth0's order: `nickname`, `name`, `picture`,
 * `updated_at` (an ISO string), then `email`, `email_verified` (a boolean).
 */
export async function profileClaims(
  tenant: TenantContext,
  user: UserView,
  scopes: readonly string[],
): Promise<Record<string, unknown>> {
  const p = user.profile
  const claims: Record<string, unknown> = {}
  if (scopes.includes('profile')) {
    claims.nickname = p.nickname ?? p.email.split('@')[0]
    claims.name = p.name ?? p.email
    claims.picture = await pictureOf(tenant, user)
    claims.updated_at = '2026-01-01T00:00:00.000Z'
  }
  if (scopes.includes('email')) {
    claims.email = p.email
    claims.email_verified = p.email_verified
  }
  return claims
}
