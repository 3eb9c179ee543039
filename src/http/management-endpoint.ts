import { delay, HttpResponse } from 'msw'
import { ManagementError } from '../contract/management-error.js'
import { type RequestTrace, redact } from '../domain/journal.js'
import type { TenantContext } from '../domain/tenant.js'
import { type RequestScenarios, SCENARIO_HEADER } from '../scenarios/flags.js'
import { methodNotAllowed, notFound } from '../support/emulator-error.js'
import { REQUEST_ID_HEADER } from './endpoint.js'
import {
  MANAGEMENT_HEADERS,
  type ManagementCatalogue,
  managementErrorResponse,
  renderManagementError,
} from './management-respond.js'
import { json } from './respond.js'

/** The body of a Management API endpoint: answers the request, noting what it learns in `trace`. */
export type ManagementHandler = (
  request: Request,
  scenarios: RequestScenarios,
  trace: RequestTrace,
) => Promise<Response>

/**
 * Wraps a Management API endpoint as `auth0Endpoint` wraps the Authentication API ones (scenarios
 * resolved once, the transport scenarios applied, the request journaled), but renders errors in
 * the Management API's own `{statusCode, error, message, errorCode}` shape.
 */
export function managementEndpoint(
  tenant: TenantContext,
  catalogue: ManagementCatalogue,
  handle: ManagementHandler,
) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    const started = performance.now()
    const time = new Date().toISOString()
    const trace: RequestTrace = {}
    let scenarios: RequestScenarios | undefined
    let response: Response
    let failure: { error: string; error_description: string; reason: string } | undefined
    try {
      scenarios = tenant.scenarios.forRequest(request.headers.get(SCENARIO_HEADER))
      if (scenarios.apply('slow')) await delay(scenarios.delayMs)
      if (scenarios.apply('network-error')) response = HttpResponse.error()
      else if (scenarios.apply('server-error')) throw new ManagementError('scenario_server_error')
      else response = await handle(request, scenarios, trace)
    } catch (err) {
      const rendered = renderManagementError(catalogue, err)
      response = json(rendered.body, rendered.body.statusCode, {
        ...MANAGEMENT_HEADERS,
        ...rendered.headers,
      })
      failure = {
        error: rendered.body.error,
        error_description: rendered.body.message,
        reason: rendered.reason,
      }
    }
    if (scenarios) tenant.scenarios.settle(scenarios)
    const origin = request.headers.get('origin')
    tenant.journal.add(
      {
        time,
        method: request.method,
        path: new URL(request.url).pathname,
        ...(origin ? { origin } : {}),
        ...(trace.clientId ? { client_id: trace.clientId } : {}),
        ...(trace.userId ? { user_id: trace.userId } : {}),
        scenarios: scenarios?.applied() ?? [],
        status: response.type === 'error' ? 0 : response.status,
        ...failure,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        params: redact(trace.params ?? {}),
      },
      request.headers.get(REQUEST_ID_HEADER),
    )
    return response
  }
}

/** Answers `405` with an `Allow` header, in the Management API's error shape. */
export function managementMethodNotAllowed(catalogue: ManagementCatalogue, allow: string) {
  return ({ request }: { request: Request }) =>
    managementErrorResponse(
      catalogue,
      methodNotAllowed(request.method, new URL(request.url).pathname, allow),
    )
}

/** Answers `404` for a path under `/api/v2/` the emulator does not serve. */
export function managementNotFound(catalogue: ManagementCatalogue) {
  return ({ request }: { request: Request }) =>
    managementErrorResponse(
      catalogue,
      notFound(`Not found: ${request.method} ${new URL(request.url).pathname}`),
    )
}
