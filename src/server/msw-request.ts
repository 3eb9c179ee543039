import { Readable } from 'node:stream'
import type { Request } from 'express'

/**
 * The request as `@mswjs/http-middleware` (0.10.3) reads it: the normalised URL, HEAD asked as
 * GET (Node leaves the body off a HEAD answer by itself), and the body the limit already read,
 * replayed as a stream. A stream, not `req.body`: for JSON types the middleware would send
 * `JSON.stringify(req.body)` instead of the bytes, and the handlers must see the exact bytes.
 */
export function mswRequest(req: Request, body: Buffer | undefined): Request {
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
