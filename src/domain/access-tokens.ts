import { makeRoom, oldestKey } from './limits.js'
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
  remember(tenant, tenant.store.accessTokens, token, record)
}

/** Adds to an oldest-first map of expiring entries: expired ones go first, then the oldest past the limit. */
function remember<T extends { expiresAt: number }>(
  tenant: TenantContext,
  map: Map<string, T>,
  key: string,
  record: T,
): void {
  const now = tenant.clock.now()
  for (let old = oldestKey(map); old !== undefined; old = oldestKey(map)) {
    if ((map.get(old) as T).expiresAt > now) break
    map.delete(old)
  }
  makeRoom(tenant, 'maxAccessTokens', map)
  map.set(key, record)
}

const signatureOf = (jwt: string) => jwt.slice(jwt.lastIndexOf('.') + 1)

/**
 * Remembers a Management API token this tenant issued. Auth0's client-credentials tokens carry
 * no `jti`, so this is how a tenant tells its own from a twin's signed with the same key; past
 * `maxAccessTokens` the oldest are forgotten and answer as invalid.
 */
export function recordManagementToken(tenant: TenantContext, jwt: string, expiresAt: number): void {
  remember(tenant, tenant.store.managementTokens, signatureOf(jwt), { expiresAt })
}

/** Whether this tenant issued the Management API token (and still remembers it). */
export function issuedManagementToken(tenant: TenantContext, jwt: string): boolean {
  return tenant.store.managementTokens.has(signatureOf(jwt))
}

/** The opaque access token's record, or undefined when it is unknown or forgotten. */
export function findOpaqueAccessToken(
  tenant: TenantContext,
  token: string,
): Readonly<OpaqueAccessToken> | undefined {
  return tenant.store.accessTokens.get(token)
}

/** A fresh `jti` for a JWT this tenant signs, marked as this tenant's. */
export function newJwtId(tenant: TenantContext): string {
  return `${tenant.jwtIdPrefix}${tenant.gen.jwtId()}`
}

/** Whether a verified user JWT's `jti` says this tenant (not a twin with the same key) signed it. */
export function signedHere(tenant: TenantContext, jti: unknown): boolean {
  return typeof jti === 'string' && jti.startsWith(tenant.jwtIdPrefix)
}
