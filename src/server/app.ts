import { createMiddleware } from '@mswjs/http-middleware'
import express, { type NextFunction, type Request, type Response } from 'express'
import { OAuthError } from '../contract/oauth-error.js'
import { devError, PRODUCT } from '../dev-messages.js'
import type { Emulator } from '../emulator.js'
import { requireAdminToken } from './admin-token.js'
import { corsMiddleware } from './cors.js'
import { type LogFormat, requestLog } from './request-log.js'

/** Options of `createApp()`. */
export interface AppOptions {
  log?: LogFormat
  /** Where log lines go (stdout by default). */
  write?: (line: string) => void
  /** Require `Authorization: Bearer <adminToken>` on the control API. */
  adminToken?: string
}

function sendError(res: Response, status: number, error: string, description: string) {
  res
    .status(status)
    .set('Content-Type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ error, error_description: description }))
}

/**
 * msw's `HttpResponse.error()` (the network-error scenario) reaches the middleware as a response
 * with status 0, which Node refuses to write and throws outside any handler. Destroy the socket
 * instead, which is what a network error looks like to a client.
 */
function failNetworkErrors(req: Request, res: Response, next: NextFunction) {
  const end = res.end.bind(res) as (...args: unknown[]) => Response
  res.end = ((...args: unknown[]) => {
    if (res.statusCode === 0) {
      req.socket.destroy()
      return res
    }
    return end(...args)
  }) as Response['end']
  next()
}

/**
 * The standalone server: the emulator's msw handlers mounted through `createMiddleware`, with no
 * body parser in front (the handlers read raw bodies), a JSON 404 and a JSON error handler.
 */
export function createApp(emulator: Emulator, options: AppOptions = {}): express.Express {
  const app = express()
  const write = options.write ?? ((line: string) => console.log(line))
  const format = options.log ?? 'pretty'
  const log = requestLog(emulator, format, write)
  app.locals.close = log.close
  app.disable('x-powered-by')
  app.disable('etag')
  app.use(log.middleware)
  app.use(corsMiddleware(emulator, (line) => format !== 'silent' && write(`${PRODUCT} ${line}`)))
  if (options.adminToken) app.use(requireAdminToken(options.adminToken))
  app.use(failNetworkErrors)
  app.use(createMiddleware(...emulator.handlers))
  app.use((req: Request, res: Response) => {
    const path = req.originalUrl.split('?')[0]
    sendError(res, 404, 'not_found', `Not found: ${req.method} ${path}`)
  })
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      req.socket.destroy()
      return
    }
    devError(`failed to handle ${req.method} ${req.path}`, err)
    const detail =
      err instanceof OAuthError ? err.message : 'unexpected failure; see the server log'
    sendError(res, 500, 'server_error', `The emulator failed to handle the request: ${detail}`)
  })
  return app
}
