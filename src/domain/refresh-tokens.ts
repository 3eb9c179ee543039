import { makeRoom } from './limits.js'
import type { RefreshTokenState, Store } from './store.js'
import type { TenantContext } from './tenant.js'

/** Refresh tokens kept per user and client (Auth0 caps them too); the oldest go first. */
export const MAX_REFRESH_TOKENS_PER_GRANT = 200

const grantKey = (userId: string, clientId: string) => `${userId}\u0000${clientId}`

function unindex(store: Store, token: string, record: RefreshTokenState): void {
  const list = store.refreshTokensByGrant.get(grantKey(record.userId, record.clientId))
  const at = list?.indexOf(token) ?? -1
  if (list && at >= 0) list.splice(at, 1)
}

/**
 * Records a new refresh token, dropping the oldest of its user and client beyond the per-grant
 * cap, and the tenant's oldest beyond `maxRefreshTokens`.
 */
export function addRefreshToken(
  tenant: TenantContext,
  token: string,
  record: RefreshTokenState,
): void {
  const { store } = tenant
  makeRoom(tenant, 'maxRefreshTokens', store.refreshTokens, (old, r) => unindex(store, old, r))
  store.refreshTokens.set(token, record)
  const key = grantKey(record.userId, record.clientId)
  const list = store.refreshTokensByGrant.get(key) ?? []
  list.push(token)
  while (list.length > MAX_REFRESH_TOKENS_PER_GRANT) {
    const oldest = list.shift()
    if (oldest !== undefined) store.refreshTokens.delete(oldest)
  }
  store.refreshTokensByGrant.set(key, list)
}

/** The login a refresh token stands for, or undefined when it is unknown or was revoked. */
export function findRefreshToken(
  tenant: TenantContext,
  token: string,
): Readonly<RefreshTokenState> | undefined {
  return tenant.store.refreshTokens.get(token)
}

/** Forgets a refresh token (revocation); answers whether it existed. */
export function removeRefreshToken(tenant: TenantContext, token: string): boolean {
  const { store } = tenant
  const record = store.refreshTokens.get(token)
  if (!record) return false
  store.refreshTokens.delete(token)
  unindex(store, token, record)
  return true
}

/**
 * Retires a refresh token replaced by rotation: it stops working, and is remembered (within
 * `maxRefreshTokens`) so that presenting it again is recognised as reuse.
 */
export function rotateRefreshToken(tenant: TenantContext, token: string): void {
  const record = tenant.store.refreshTokens.get(token)
  if (!record || !removeRefreshToken(tenant, token)) return
  const rotated = tenant.store.rotatedRefreshTokens
  makeRoom(tenant, 'maxRefreshTokens', rotated)
  rotated.set(token, { clientId: record.clientId, family: record.family })
}

/**
 * Auth0's reuse detection: when `token` was already rotated away by `clientId`, revokes every
 * refresh token of its family (a stolen token and the one that replaced it alike) and answers
 * true.
 */
export function revokeFamilyOnReuse(
  tenant: TenantContext,
  token: string,
  clientId: string,
): boolean {
  const { store } = tenant
  const rotated = store.rotatedRefreshTokens.get(token)
  if (!rotated || rotated.clientId !== clientId) return false
  for (const [live, record] of store.refreshTokens) {
    if (record.family === rotated.family) removeRefreshToken(tenant, live)
  }
  for (const [old, entry] of store.rotatedRefreshTokens) {
    if (entry.family === rotated.family) store.rotatedRefreshTokens.delete(old)
  }
  return true
}
