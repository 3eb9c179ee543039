import type { IncomingMessage, ServerResponse } from 'node:http'
import { createMiddleware } from '@mswjs/http-middleware'
import express, { type NextFunction, type Request, type Response } from 'express'
import { OAuthError } from '../contract/oauth-error.js'
import type { Emulator } from '../emulator.js'
import { DEFAULT_MAX_BODY_BYTES } from '../http/read-body.js'
import { isControlPath } from '../http/routes.js'
import { devError } from '../support/dev-messages.js'
import { EmulatorError } from '../support/emulator-error.js'
import { bodyLimit } from './body-limit.js'
import { controlGate } from './control-gate.js'
import { corsMiddleware } from './cors.js'
import { formatLogLine } from './log-line.js'
import { mswRequest } from './msw-request.js'
import { failNetworkErrors } from './network-error.js'
import { sendRefusal } from './refusal.js'
import { requestGuards } from './request-guards.js'
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
  /** Origins whose pages may call the control API cross-origin (none by default). */
  controlOrigins?: readonly string[]
  /** Host names the control API answers besides loopback ones and non-`.local` tenant domains. */
  controlHosts?: readonly string[]
  /** Request bodies past this many bytes are refused with `413`, on every route (100 kB). */
  maxBodyBytes?: number
}

const refuse = (req: Request, res: Response, status: number, error: string, description: string) =>
  sendRefusal(req, res, new EmulatorError(status, error, description))

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

type Middleware = (req: Request, res: Response, next: NextFunction) => unknown

/**
 * The gates every request passes, run one after another as one express middleware: what
 * express's router would do for each (call it, pass on errors, thrown or rejected), without
 * matching a path per gate on every request.
 */
export function inOrder(...steps: Middleware[]): Middleware {
  return (req, res, done) => {
    let index = 0
    const next: NextFunction = (err?: unknown) => {
      if (err) return done(err)
      const step = steps[index++]
      if (!step) return done()
      try {
        const result = step(req, res, next)
        if (result instanceof Promise) result.catch(done)
      } catch (thrown) {
        done(thrown)
      }
    }
    next()
  }
}

/**
 * The standalone server: each tenant's msw handlers mounted through `createMiddleware`, behind
 * the gates every request passes first (method, Host, one normalised path, tenant, CORS, the
 * control API's guards, the body limit), with no body parser (the handlers read raw bytes), a
 * JSON 404 and a JSON error handler.
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
  const warn = (line: string) => {
    if (format === 'silent') return
    write(formatLogLine(format, { level: 'warn', msg: line, text: line }) ?? line)
  }
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
  app.locals.held = log.held
  app.disable('x-powered-by')
  app.disable('etag')
  app.use(
    inOrder(
      log.middleware,
      requestGuards(),
      // The root leads people who open the server in a browser to the inspector.
      (req, res, next) => {
        if (req.path !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) return next()
        res.status(302).set({ Location: '/__emulator/', 'Content-Length': '0' }).end()
      },
      (req, res, next) => {
        const tenant = tenantOf(tenants, fallback, req)
        if (typeof tenant === 'string') return refuse(req, res, 400, 'invalid_request', tenant)
        res.locals.tenant = tenant
        // Clients' allowed_origins open the Auth0 endpoints only; the control gate has its own.
        if (isControlPath(req.path)) return next()
        tenant.cors(req, res, next)
      },
      controlGate(
        {
          ...(options.adminToken ? { adminToken: options.adminToken } : {}),
          controlOrigins: options.controlOrigins ?? [],
          tenantDomains: list.map((e) => e.fixture.tenant.domain),
          controlHosts: options.controlHosts ?? [],
        },
        warn,
      ),
      bodyLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
      failNetworkErrors,
      (req, res, next) =>
        (res.locals.tenant as Tenant).handlers(mswRequest(req, res.locals.body), res, next),
    ),
  )
  app.use((req: Request, res: Response) => {
    const path = req.originalUrl.split('?')[0]
    refuse(req, res, 404, 'not_found', `Not found: ${req.method} ${path}`)
  })
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      req.socket.destroy()
      return
    }
    devError(`failed to handle ${req.method} ${req.path}`, err)
    const detail =
      err instanceof OAuthError ? err.message : 'unexpected failure; see the server log'
    refuse(req, res, 500, 'server_error', `The emulator failed to handle the request: ${detail}`)
  })
  return app
}
