import type { UserView } from './store.js'
import type { TenantContext } from './tenant.js'

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')

/**
 * Auth0's default picture for a database user: the Gravatar of the email (Gravatar accepts a
 * SHA-256 of the trimmed, lower-case address) with Auth0's two-letter avatar as the fallback.
 */
async function defaultPicture(email: string): Promise<string> {
  const address = email.trim().toLowerCase()
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(address))
  const initials = encodeURIComponent(
    `https://cdn.auth0.com/avatars/${address.slice(0, 2).replace(/[^a-z0-9]/g, '')}.png`,
  )
  return `https://s.gravatar.com/avatar/${hex(digest)}?s=480&r=pg&d=${initials}`
}

/** A user's `picture` claim: the fixture's, or the default, worked out once per user. */
export async function pictureOf(tenant: TenantContext, user: UserView): Promise<string> {
  const id = user.profile.user_id
  const known = tenant.store.pictures.get(id)
  if (known) return known
  const picture = user.profile.picture ?? (await defaultPicture(user.profile.email))
  tenant.store.pictures.set(id, picture)
  return picture
}
