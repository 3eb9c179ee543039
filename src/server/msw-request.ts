import type { Request } from 'express'

/**
 * The request as `@mswjs/http-middleware` (0.10.3) reads it: HEAD asked as GET, so every GET
 * route answers it too (Node leaves the body off a HEAD answer by itself).
 */
export function mswRequest(req: Request): Request {
  if (req.method !== 'HEAD') return req
  return Object.assign(Object.create(req) as Request, { method: 'GET' })
}
