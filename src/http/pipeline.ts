import { delay, HttpResponse, type RequestHandler } from 'msw'
import { tenantName } from '../config/schema.js'
import { type RequestTrace, redact } from '../domain/journal.js'
import { commitChanges, markRequest } from '../domain/persistence.js'
import type { TenantContext } from '../domain/tenant.js'
import { type RequestScenarios, SCENARIO_HEADER } from '../scenarios/flags.js'
import { type EmulatorError, methodNotAllowed, notFound } from '../support/emulator-error.js'
import { isoTime } from '../support/iso-time.js'
import { DIALECTS, type Dialect, type DialectName } from './dialects.js'
import { rateLimit, withHeaders } from './rate-limit.js'
import { problemOf } from './respond.js'
import { type DispatchEntry, routeTableHandler } from './route-table-handler.js'
import { createRoutes } from './routes.js'

/** The header the standalone server uses to match journal entries to its log lines. */
export const REQUEST_ID_HEADER = 'x-auth0-emulator-request-id'

/** An HTTP method a route answers; `ALL` only for the table's own fallbacks. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** What a caller check checks, as the route table lists it. */
export type CallerKind =
  | 'anyone'
  | 'admin'
  | 'client'
  | 'mfa-bearer'
  | 'access-token'
  | 'management-token'

/** Who may call a route; the pipeline runs the check before the route's handler. */
export interface Caller<C> {
  readonly kind: CallerKind
  check(
    tenant: TenantContext,
    request: Request,
    scenarios: RequestScenarios,
    trace: RequestTrace,
  ): Promise<C> | C
}

/** What a route's handler is given. */
export interface RouteContext<C> {
  request: Request
  url: URL
  scenarios: RequestScenarios
  trace: RequestTrace
  /** What the caller check established (the client, the bearer's user, the token's scopes). */
  caller: C
}

/** A route as declared by its surface: everything the pipeline needs to know about it. */
export interface Route<C = unknown> {
  method: Method
  /** An exact path, or (with `pattern`) a regular-expression source without capture groups. */
  path: string
  pattern?: boolean
  dialect: DialectName
  caller: Caller<C>
  /** Whether it exists to change the state a state file keeps (tests enumerate these). */
  changesState?: boolean
  handle(context: RouteContext<C>): Promise<Response> | Response
}

/**
 * What the route table shows of a route to the layers above (the server's CORS, tests): no
 * handler or tenant types, so the package's public declarations stay small.
 */
export interface RouteInfo {
  readonly method: Method
  readonly path: string
  readonly pattern?: boolean
  readonly dialect: DialectName
  readonly caller: { readonly kind: CallerKind; readonly check: unknown }
  readonly changesState?: boolean
}

/** Declares a route (keeps its caller's result type tied to its handler). */
export function route<C>(declared: Route<C>): Route {
  return declared as Route
}

/** Anyone may call it. */
export const anyone: Caller<undefined> = { kind: 'anyone', check: () => undefined }

/** The control API: open in-process; the standalone server's control gate guards these paths. */
export const admin: Caller<undefined> = { kind: 'admin', check: () => undefined }

const PIPELINE = Symbol('auth0-mfa-emulator pipeline')

/** Whether an msw handler answers through the pipeline (the architecture test walks them). */
export function isPipelineHandler(handler: RequestHandler): boolean {
  return PIPELINE in (handler as unknown as Record<symbol, unknown>)
}

/**
 * The one wrapper every route goes through. In order: the request's scenarios resolved once; the
 * transport scenarios and the rate limit of its dialect; the caller check; the handler; errors
 * rendered in the dialect's shape; `times` toggles settled; any change of the kept state made
 * durable before the answer (or the answer replaced by a 500); the request journaled, secrets
 * redacted.
 */
function pipeline(tenant: TenantContext, declared: Route, dialect: Dialect) {
  return async (request: Request, url: URL): Promise<Response> => {
    const started = performance.now()
    const time = isoTime()
    const mark = markRequest(tenant)
    const trace: RequestTrace = {}
    let scenarios: RequestScenarios | undefined
    let response: Response
    let failure: Record<string, string> | undefined
    let limits: Readonly<Record<string, string>> = {}
    try {
      scenarios = tenant.scenarios.forRequest(
        dialect.transport ? request.headers.get(SCENARIO_HEADER) : null,
      )
      if (dialect.transport && scenarios.apply('slow')) await delay(scenarios.delayMs)
      if (dialect.transport && scenarios.apply('network-error')) response = HttpResponse.error()
      else {
        if (dialect.rateLimit) limits = rateLimit(tenant, scenarios)
        if (dialect.transport && scenarios.apply('server-error')) throw dialect.serverError()
        const caller = await declared.caller.check(tenant, request, scenarios, trace)
        response = await declared.handle({ request, url, scenarios, trace, caller })
      }
    } catch (err) {
      const problem = problemOf(tenant, err)
      response = dialect.respond(problem)
      failure = {
        reason: problem.reason,
        error: problem.error,
        error_description: problem.description,
      }
    }
    if (scenarios) tenant.scenarios.settle(scenarios)
    const refused = await commitChanges(tenant, mark)
    if (refused) response = dialect.respond(problemOf(tenant, refused))
    withHeaders(response, limits)
    if (!dialect.journal) return response
    const params = trace.params ?? {}
    const origin = request.headers.get('origin')
    const grantType = trace.grantType ?? params.grant_type
    const clientId = trace.clientId ?? params.client_id
    tenant.journal.add(
      {
        time,
        method: request.method,
        path: url.pathname,
        ...(origin ? { origin } : {}),
        ...(grantType ? { grant_type: grantType } : {}),
        ...(clientId ? { client_id: clientId } : {}),
        ...(trace.userId ? { user_id: trace.userId } : {}),
        scenarios: scenarios?.applied() ?? [],
        status: response.type === 'error' ? 0 : response.status,
        ...failure,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        params: redact(params),
      },
      request.headers.get(REQUEST_ID_HEADER),
    )
    return response
  }
}

/** A surface's catch-all: what answers a path under it that no route declares. */
export interface Fallback {
  /** The paths it covers, as a route names them. */
  path: string
  pattern?: boolean
  dialect: DialectName
  /** The answer; by default `404 not_found`. */
  refuse?: (method: string, path: string) => EmulatorError
}

/** Each dialect as its `405` and fallback answers use it: no transport scenarios, rate limit or journal. */
const QUIET: Readonly<Record<DialectName, Dialect>> = Object.fromEntries(
  Object.entries(DIALECTS).map(([name, dialect]) => [
    name,
    { ...dialect, transport: false, rateLimit: false, journal: false },
  ]),
) as Record<DialectName, Dialect>

/**
 * The one msw handler of a tenant's route table: each route through the pipeline, then a `405`
 * with `Allow` for every declared path called with another method, then the surfaces'
 * fallbacks, tried in that order. Nothing answers outside the pipeline, and a request none of
 * them matches stays unhandled for msw.
 */
export function routeHandler(
  tenant: TenantContext,
  routes: readonly Route[],
  fallbacks: readonly Fallback[],
): RequestHandler {
  const paths = createRoutes(tenant.domain)
  const matcher = (r: { path: string; pattern?: boolean }) =>
    r.pattern ? paths.pattern(r.path) : paths.path(r.path)
  const byPath = new Map<string, Route[]>()
  for (const r of routes) {
    const same = byPath.get(r.path)
    if (same) same.push(r)
    else byPath.set(r.path, [r])
  }
  const refusal = (
    first: Route | Fallback,
    refuse: (method: string, path: string) => EmulatorError,
  ) =>
    route({
      method: 'GET',
      path: first.path,
      ...(first.pattern ? { pattern: true } : {}),
      dialect: first.dialect,
      caller: anyone,
      handle: ({ request, url }) => {
        throw refuse(request.method, url.pathname)
      },
    })
  const entry = (r: Route, method: string | undefined, dialect: Dialect): DispatchEntry => ({
    method,
    matcher: matcher(r),
    answer: pipeline(tenant, r, dialect),
  })
  const entries = [
    ...routes.map((r) => entry(r, r.method, DIALECTS[r.dialect])),
    ...[...byPath.values()].map((same) => {
      const allow = [...new Set(same.map((r) => r.method))].join(', ')
      const r = refusal(same[0] as Route, (method, path) => methodNotAllowed(method, path, allow))
      return entry(r, undefined, QUIET[r.dialect])
    }),
    ...fallbacks.map((f) => {
      const r = refusal(f, f.refuse ?? ((method, path) => notFound(`Not found: ${method} ${path}`)))
      return entry(r, undefined, QUIET[r.dialect])
    }),
  ]
  const handler = routeTableHandler(
    `auth0-mfa-emulator tenant '${tenantName(tenant.fixture)}' (${tenant.domain})`,
    entries,
  )
  return Object.assign(handler, { [PIPELINE]: true })
}

/** The methods a route table answers on a path, for `Allow` and CORS preflights. */
export function methodsOf(routes: readonly RouteInfo[]): Method[] {
  return [...new Set(routes.map((r) => r.method))]
}
