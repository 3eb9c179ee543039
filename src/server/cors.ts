import cors from 'cors'
import type { NextFunction, Request, Response } from 'express'
import { type Emulator, ROUTE_TABLE } from '../emulator.js'
import { methodsOf } from '../http/pipeline.js'
import { BoundedSet } from './bounded-set.js'

/** How many refused origins are remembered so each is advised about once; a few hundred. */
export const ADVISED_ORIGINS = 256

function matches(pattern: string, origin: string): boolean {
  const wanted = pattern.replace(/\/+$/, '')
  if (wanted === '*' || wanted === origin) return true
  // Auth0 allows one wildcard subdomain level: https://*.example.com
  const star = /^(https?:\/\/)\*\.(.+)$/.exec(wanted)
  return star ? origin.startsWith(star[1] ?? '') && origin.endsWith(`.${star[2]}`) : false
}

/**
 * CORS as Auth0 does it: origins listed in any client's `allowed_origins` get their origin echoed
 * with credentials and the Private Network Access preflight answered; other origins get no CORS
 * headers (so the browser refuses) and one log line saying which origin to add.
 */
export function corsMiddleware(emulator: Emulator, warn: (line: string) => void) {
  // Bounded: a client sending a new Origin on every request must not grow memory.
  const warned = new BoundedSet<string>(ADVISED_ORIGINS)
  const allowed = (origin: string) =>
    emulator.fixture.clients.some((c) =>
      c.allowed_origins.some((pattern) => matches(pattern, origin)),
    )
  // The methods the Auth0 routes answer (the control API has its own preflight answer).
  const methods = methodsOf(emulator[ROUTE_TABLE].filter((r) => r.dialect !== 'control'))
  const handler = cors({
    methods: methods.includes('GET') ? [...methods, 'HEAD'] : methods,
    origin(origin, callback) {
      if (!origin) return callback(null, false)
      const ok = allowed(origin)
      if (!ok && warned.add(origin)) {
        warn(
          `CORS: origin ${origin} is not in any client's allowed_origins, so browsers will refuse the answers; add "${origin}" to clients[].allowed_origins in the fixture`,
        )
      }
      callback(null, ok)
    },
    credentials: true,
    // So a page can read the rate-limit headers Auth0 sends, as retry logic does.
    exposedHeaders: [
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Retry-After',
    ],
    maxAge: 86400,
  })
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin
    // Without an Origin (servers, CLIs, SDKs on Node) there is nothing to add but the preflight.
    if (!origin && req.method !== 'OPTIONS') return next()
    if (
      req.method === 'OPTIONS' &&
      req.headers['access-control-request-private-network'] === 'true' &&
      origin &&
      allowed(origin)
    ) {
      res.setHeader('Access-Control-Allow-Private-Network', 'true')
    }
    handler(req, res, () => {
      // A refused preflight ends here too, without CORS headers, so the browser blocks the call.
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.status(204).end()
        return
      }
      next()
    })
  }
}
