import type { TenantContext } from './tenant.js'

/** Opaque access tokens a tenant remembers at most (they are checked by `/userinfo`). */
export const MAX_OPAQUE_ACCESS_TOKENS = 10_000

/** What an opaque access token stands for. */
export interface OpaqueAccessToken {
  userId: string
  clientId: string
  scope: string
  expiresAt: number
}

/**
 * Remembers an opaque access token (issued without an audience) so `/userinfo` can answer for
 * it; past the cap the oldest are forgotten, and expired ones go with the sweep.
 */
export function recordOpaqueAccessToken(
  tenant: TenantContext,
  token: string,
  record: OpaqueAccessToken,
): void {
  const tokens = tenant.store.accessTokens
  const now = tenant.clock.now()
  for (const [old, entry] of tokens) {
    if (tokens.size < MAX_OPAQUE_ACCESS_TOKENS && entry.expiresAt > now) break
    tokens.delete(old)
  }
  tokens.set(token, record)
}

/** The opaque access token's record, or undefined when it is unknown or forgotten. */
export function findOpaqueAccessToken(
  tenant: TenantContext,
  token: string,
): Readonly<OpaqueAccessToken> | undefined {
  return tenant.store.accessTokens.get(token)
}
