import type { IncomingMessage } from 'node:http'
import { bearerOf } from '../http/bearer.js'
import { safeEqual } from '../tokens/safe-equal.js'

/** Whether binding `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/**
 * Control paths open without the token: the readiness probe, and the inspector's markup (it holds
 * no data and sends the token, taken from its URL fragment, with every call it makes).
 */
export const TOKEN_FREE_PATHS: ReadonlySet<string> = new Set([
  '/__emulator/health',
  '/__emulator/',
  '/__emulator',
])

/**
 * Whether the request carries `Authorization: Bearer <adminToken>`, compared in constant time.
 * The token is never logged: request logs carry no headers.
 */
export function hasAdminToken(req: IncomingMessage, adminToken: string): boolean {
  const bearer = bearerOf(req.headers.authorization)
  return typeof bearer !== 'string' && safeEqual(bearer.token, adminToken)
}
