import type { IncomingMessage, ServerResponse } from 'node:http'
import { bearerOf } from '../http/bearer.js'
import { EmulatorError } from '../support/emulator-error.js'
import { safeEqual } from '../tokens/safe-equal.js'
import { GuessThrottle } from './guess-throttle.js'
import { sendRefusal } from './refusal.js'

/** Shorter tokens can be guessed; 16 random characters cannot, even unthrottled. */
export const MIN_ADMIN_TOKEN_LENGTH = 16

/** Why an admin token may not be used, in one line; undefined when it may. */
export function adminTokenProblem(token: string): string | undefined {
  if (token.length >= MIN_ADMIN_TOKEN_LENGTH) return undefined
  return `--admin-token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters, got ${token.length}; use a random one, such as the output of: openssl rand -hex 16`
}

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

/**
 * Holds back every request that presents a wrong admin token, paced per client address by
 * `throttle`, then lets it on to be refused as usual (`429` at once when too many are queued).
 * Requests with the right token or none are never delayed.
 */
export function slowWrongTokens(adminToken: string | undefined, throttle = new GuessThrottle()) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const wrong =
      adminToken !== undefined &&
      req.headers.authorization !== undefined &&
      !hasAdminToken(req, adminToken)
    if (!wrong) {
      next()
      return
    }
    const delay = throttle.delayFor(req.socket.remoteAddress ?? '')
    if (delay !== undefined) {
      setTimeout(next, delay)
      return
    }
    const wait = Math.ceil(throttle.options.maxDelayMs / 1000)
    sendRefusal(
      req,
      res,
      new EmulatorError(
        429,
        'too_many_requests',
        `Too many wrong admin tokens from this address; wait ${wait} s before trying again`,
        { 'Retry-After': String(wait) },
      ),
    )
  }
}
