import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { EmulatorError } from '../support/emulator-error.js'
import { rawRefusal, sendRefusal } from './refusal.js'
import { methodRefusal } from './request-guards.js'

/** The JSON refusal for an error Node's HTTP parser (or its timers) raised on a connection. */
export function clientErrorRefusal(
  code: string | undefined,
  limits: { maxHeaderSize: number; headersTimeout: number; requestTimeout: number },
): EmulatorError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new EmulatorError(
        431,
        'invalid_request',
        `The request line and headers are larger than ${limits.maxHeaderSize} bytes; send fewer or smaller headers (large cookies?)`,
      )
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new EmulatorError(
        413,
        'invalid_request',
        'The chunk extensions of the body are too large',
      )
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new EmulatorError(
        408,
        'request_timeout',
        `The request was not received in time (headers within ${limits.headersTimeout} ms, all of it within ${limits.requestTimeout} ms)`,
      )
    case 'HPE_INVALID_METHOD':
      return methodRefusal()
    default:
      return new EmulatorError(
        400,
        'invalid_request',
        `The request is not valid HTTP/1.1 (${code ?? 'parse error'}); check the request line, headers and body framing`,
      )
  }
}

/**
 * Makes the errors Node answers by itself answer in JSON like the rest: malformed requests and
 * oversized heads (`clientError`, which would be a bare `400`/`431`), CONNECT (which Node would
 * drop without a word) and `Expect` values other than `100-continue` (a bare `417`).
 */
export function answerClientErrors(
  server: Server,
  limits: Parameters<typeof clientErrorRefusal>[1],
) {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // As Node itself decides: a response already under way on this socket cannot be followed by
    // another (`_httpMessage` is the one in flight; Node's own handler reads it the same way).
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage
    if (socket.writable && !inFlight?.headersSent && err.code !== 'ECONNRESET') {
      socket.end(rawRefusal(clientErrorRefusal(err.code, limits)))
    }
    socket.destroySoon()
  })
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.end(rawRefusal(methodRefusal('CONNECT')))
  })
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const refusal = new EmulatorError(
      417,
      'expectation_failed',
      `Expect: ${req.headers.expect} is not supported; send Expect: 100-continue or no Expect header`,
    )
    res.setHeader('Connection', 'close')
    sendRefusal(req, res, refusal)
  })
}
