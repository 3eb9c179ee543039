import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'
import { emulatorProblem, JSON_UTF8_HEADERS, oauthBody } from '../http/respond.js'
import type { EmulatorError } from '../support/emulator-error.js'

/** The body of an emulator error, rendered as the handlers render it. */
function bodyOf(refusal: EmulatorError): string {
  return JSON.stringify(oauthBody(emulatorProblem(refusal)))
}

/** The content type of every server error. */
export const JSON_CONTENT_TYPE = JSON_UTF8_HEADERS['Content-Type'] as string

/** Whether the request announced a body that has not been read to its end. */
export function hasUnreadBody(req: IncomingMessage): boolean {
  const announced =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  return announced && !req.readableEnded
}

/**
 * Answers with one of the emulator's own errors (a gate, a limit, a malformed request). When the request's body is still unread the connection is closed after
 * the answer: Node would keep it alive, and the client's next request on it would be mangled.
 */
export function sendRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  refusal: EmulatorError,
): void {
  const body = bodyOf(refusal)
  res.statusCode = refusal.status
  for (const [name, value] of Object.entries(refusal.headers)) res.setHeader(name, value)
  res.setHeader('Content-Type', JSON_CONTENT_TYPE)
  res.setHeader('Content-Length', Buffer.byteLength(body))
  if (hasUnreadBody(req)) res.setHeader('Connection', 'close')
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** A complete HTTP/1.1 response closing the connection, for sockets Node hands over raw. */
export function rawRefusal(refusal: EmulatorError): string {
  const body = bodyOf(refusal)
  const extra = Object.entries(refusal.headers).map(([name, value]) => `${name}: ${value}\r\n`)
  return (
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n` +
    `Content-Type: ${JSON_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: close\r\n${extra.join('')}\r\n${body}`
  )
}
