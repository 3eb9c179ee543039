import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'

/**
 * An error of the standalone server itself (a gate, a limit, a malformed request), as opposed to
 * the Auth0 errors the handlers answer from the tenant's catalogue. It goes on the wire as Auth0
 * does it: `{"error":"…","error_description":"…"}`, the description saying what to change.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal'

  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(description)
  }

  /** The compact JSON body, keys in Auth0's order. */
  body(): string {
    return JSON.stringify({ error: this.error, error_description: this.description })
  }
}

/** The content type of every server error. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

/** Whether the request announced a body that has not been read to its end. */
export function hasUnreadBody(req: IncomingMessage): boolean {
  const announced =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  return announced && !req.readableEnded
}

/**
 * Answers with a refusal. When the request's body is still unread the connection is closed after
 * the answer: Node would keep it alive, and the client's next request on it would be mangled.
 */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  const body = refusal.body()
  res.statusCode = refusal.status
  for (const [name, value] of Object.entries(refusal.headers)) res.setHeader(name, value)
  res.setHeader('Content-Type', JSON_CONTENT_TYPE)
  res.setHeader('Content-Length', Buffer.byteLength(body))
  if (hasUnreadBody(req)) res.setHeader('Connection', 'close')
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** A complete HTTP/1.1 response closing the connection, for sockets Node hands over raw. */
export function rawRefusal(refusal: Refusal): string {
  const body = refusal.body()
  const extra = Object.entries(refusal.headers).map(([name, value]) => `${name}: ${value}\r\n`)
  return (
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n` +
    `Content-Type: ${JSON_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: close\r\n${extra.join('')}\r\n${body}`
  )
}
