import { makeRoom } from './limits.js'
import type { TenantContext } from './tenant.js'

/** What an opaque access token stands for. */
export interface OpaqueAccessToken {
  userId: string
  clientId: string
  scope: string
  expiresAt: number
}

/**
 * Remembers an opaque access token (issued without an audience) so `/userinfo` can answer for
 * it; past `maxAccessTokens` the oldest are forgotten, and expired ones go with the sweep.
 */
export function recordOpaqueAccessToken(
  tenant: TenantContext,
  token: string,
  record: OpaqueAccessToken,
): void {
  const tokens = tenant.store.accessTokens
  const now = tenant.clock.now()
  for (const [old, entry] of tokens) {
    if (entry.expiresAt > now) break
    tokens.delete(old)
  }
  makeRoom(tenant, 'maxAccessTokens', tokens)
  tokens.set(token, record)
}

/** The opaque access token's record, or undefined when it is unknown or forgotten. */
export function findOpaqueAccessToken(
  tenant: TenantContext,
  token: string,
): Readonly<OpaqueAccessToken> | undefined {
  return tenant.store.accessTokens.get(token)
}
