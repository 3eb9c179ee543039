import type { NextFunction, Request, Response } from 'express'
import { safeEqual } from '../tokens/safe-equal.js'

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

// Open without the token: the readiness probe, and the inspector's markup (it holds no data and
// sends the token, taken from its URL fragment, with every call it makes).
const OPEN = new Set(['/__emulator/health', '/__emulator/', '/__emulator'])

/**
 * Guards the control API with `Authorization: Bearer <adminToken>`, compared in constant time.
 * The token is never logged: request logs carry no headers.
 */
export function requireAdminToken(adminToken: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.path
    if (!path.startsWith('/__emulator') || OPEN.has(path)) return next()
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
    if (match?.[1] && safeEqual(match[1], adminToken)) return next()
    res
      .status(401)
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(
        JSON.stringify({
          error: 'unauthorized',
          error_description:
            'The control API needs Authorization: Bearer <admin token> when the emulator listens beyond loopback',
        }),
      )
  }
}
