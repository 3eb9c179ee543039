import type { IncomingMessage, ServerResponse } from 'node:http'
import { createMiddleware } from '@mswjs/http-middleware'
import express, { type NextFunction, type Request, type Response } from 'express'
import { OAuthError } from '../contract/oauth-error.js'
import type { Emulator } from '../emulator.js'
import { devError, PRODUCT } from '../support/dev-messages.js'
import { requireAdminToken } from './admin-token.js'
import { corsMiddleware } from './cors.js'
import { type LogFormat, requestLog } from './request-log.js'

/**
 * The standalone server as a Node request listener: pass it to `http.createServer()` or
 * `https.createServer()`. Declared here rather than as express's type, so the package's types
 * need no `@types/express`.
 */
export interface EmulatorApp {
  (req: IncomingMessage, res: ServerResponse): void
  /** Values shared with the server that runs the app; `close()` stops the request log. */
  readonly locals: { close?: () => void } & Record<string, unknown>
}

/** Options of `createApp()`. */
export interface AppOptions {
  log?: LogFormat
  /** Where log lines go (stdout by default). */
  write?: (line: string) => void
  /** Require `Authorization: Bearer <adminToken>` on the control API. */
  adminToken?: string
  /** Called after every response, e.g. to persist state. */
  afterResponse?: () => void
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

/** The request header that picks a tenant on a multi-tenant server. */
export const TENANT_HEADER = 'auth0-emulator-tenant'

interface Tenant {
  emulator: Emulator
  cors: ReturnType<typeof corsMiddleware>
  handlers: ReturnType<typeof createMiddleware>
}

/**
 * Picks the tenant of a request: the Auth0-Emulator-Tenant header, else the first label of the
 * Host (`acme.localhost:4000`), else the first tenant.
 */
function tenantOf(tenants: Map<string, Tenant>, fallback: Tenant, req: Request): Tenant | string {
  const named = req.headers[TENANT_HEADER]
  if (typeof named === 'string' && named) {
    return (
      tenants.get(named) ??
      `Unknown tenant '${named}' in the Auth0-Emulator-Tenant header; known tenants: ${[...tenants.keys()].join(', ')}`
    )
  }
  const host = (req.headers.host ?? '').split(':')[0] ?? ''
  const label = host.includes('.') ? host.split('.')[0] : undefined
  return (label && tenants.get(label)) || fallback
}

/**
 * The standalone server: each tenant's msw handlers mounted through `createMiddleware`, with no
 * body parser in front (the handlers read raw bodies), a JSON 404 and a JSON error handler.
 */
export function createApp(
  emulators: Emulator | readonly Emulator[],
  options: AppOptions = {},
): EmulatorApp {
  const list = Array.isArray(emulators) ? emulators : [emulators as Emulator]
  const app = express()
  const write = options.write ?? ((line: string) => console.log(line))
  const format = options.log ?? 'pretty'
  const log = requestLog(list, format, write)
  const warn = (line: string) => format !== 'silent' && write(`${PRODUCT} ${line}`)
  const tenants = new Map<string, Tenant>(
    list.map((emulator) => [
      emulator.name,
      {
        emulator,
        cors: corsMiddleware(emulator, warn),
        handlers: createMiddleware(...emulator.handlers),
      },
    ]),
  )
  const fallback = tenants.get(list[0]?.name ?? '')
  if (!fallback) throw new TypeError('createApp needs at least one emulator')
  app.locals.close = log.close
  app.disable('x-powered-by')
  app.disable('etag')
  app.use(log.middleware)
  const after = options.afterResponse
  if (after) {
    app.use((_req: Request, res: Response, next: NextFunction) => {
      res.on('finish', after)
      next()
    })
  }
  app.use((req: Request, res: Response, next: NextFunction) => {
    const tenant = tenantOf(tenants, fallback, req)
    if (typeof tenant === 'string') return sendError(res, 400, 'invalid_request', tenant)
    res.locals.tenant = tenant
    tenant.cors(req, res, next)
  })
  if (options.adminToken) app.use(requireAdminToken(options.adminToken))
  app.use(failNetworkErrors)
  app.use((req: Request, res: Response, next: NextFunction) =>
    (res.locals.tenant as Tenant).handlers(req, res, next),
  )
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
