import { Readable } from 'node:stream'
import type { Request } from 'express'
import { hasUnreadBody } from './refusal.js'

/**
 * The request as `@mswjs/http-middleware` (0.10.3) reads it: the normalised URL, HEAD asked as
 * GET (Node leaves the body off a HEAD answer by itself), and the body as a stream: the request
 * itself when its body is still unread (a declared length within the limit, which is all Node's
 * parser lets through), else the bytes the limit already read, replayed. A stream, not
 * `req.body`: for JSON types the middleware would send `JSON.stringify(req.body)` instead of the
 * bytes, and the handlers must see the exact bytes.
 */
export function mswRequest(req: Request, body: Buffer | undefined): Request {
  if (body === undefined && req.method !== 'HEAD' && hasUnreadBody(req)) return req
  // A plain stream with the bytes already in it: cheaper than `Readable.from`'s iterator.
  const stream = new Readable({ read() {} })
  if (body?.length) stream.push(body)
  stream.push(null)
  const protocol = req.protocol
  return Object.assign(stream, {
    method: req.method === 'HEAD' ? 'GET' : req.method,
    url: req.url,
    headers: req.headers,
    protocol,
    get: (name: string) => req.get(name),
    header: (name: string) => req.get(name),
  }) as unknown as Request
}
