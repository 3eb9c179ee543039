import type { RefreshTokenState } from './store.js'
import type { TenantContext } from './tenant.js'

/** Refresh tokens kept per user and client (Auth0 caps them too); the oldest go first. */
export const MAX_REFRESH_TOKENS_PER_GRANT = 200

const grantKey = (userId: string, clientId: string) => `${userId}\u0000${clientId}`

/** Records a new refresh token, dropping the oldest of its user and client beyond the cap. */
export function addRefreshToken(
  tenant: TenantContext,
  token: string,
  record: RefreshTokenState,
): void {
  const { store } = tenant
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

/** Forgets a refresh token (rotation or revocation); answers whether it existed. */
export function removeRefreshToken(tenant: TenantContext, token: string): boolean {
  const { store } = tenant
  const record = store.refreshTokens.get(token)
  if (!record) return false
  store.refreshTokens.delete(token)
  const list = store.refreshTokensByGrant.get(grantKey(record.userId, record.clientId))
  const at = list?.indexOf(token) ?? -1
  if (list && at >= 0) list.splice(at, 1)
  return true
}
