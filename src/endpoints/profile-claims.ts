import type { UserState } from '../domain/store.js'

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')

/**
 * Auth0's default picture for a database user: the Gravatar of the email (Gravatar accepts a
 * SHA-256 of the trimmed, lower-case address) with Auth0's two-letter avatar as the fallback.
 */
export async function defaultPicture(email: string): Promise<string> {
  const address = email.trim().toLowerCase()
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(address))
  const initials = encodeURIComponent(
    `https://cdn.auth0.com/avatars/${address.slice(0, 2).replace(/[^a-z0-9]/g, '')}.png`,
  )
  return `https://s.gravatar.com/avatar/${hex(digest)}?s=480&r=pg&d=${initials}`
}

/**
 * The profile and email claims a scope grants, in Auth0's order: `nickname`, `name`, `picture`,
 * `updated_at` (an ISO string), then `email`, `email_verified` (a boolean).
 */
export async function profileClaims(
  user: Readonly<UserState>,
  scopes: readonly string[],
): Promise<Record<string, unknown>> {
  const p = user.profile
  const claims: Record<string, unknown> = {}
  if (scopes.includes('profile')) {
    claims.nickname = p.nickname ?? p.email.split('@')[0]
    claims.name = p.name ?? p.email
    claims.picture = p.picture ?? (await defaultPicture(p.email))
    claims.updated_at = '2026-01-01T00:00:00.000Z'
  }
  if (scopes.includes('email')) {
    claims.email = p.email
    claims.email_verified = p.email_verified
  }
  return claims
}
