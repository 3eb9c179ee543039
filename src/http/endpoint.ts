import { delay, HttpResponse } from 'msw'
import { OAuthError } from '../contract/oauth-error.js'
import { type RequestTrace, redact } from '../domain/journal.js'
import type { TenantContext } from '../domain/tenant.js'
import { type RequestScenarios, SCENARIO_HEADER } from '../scenarios/flags.js'
import { methodNotAllowed as notAllowed } from '../support/emulator-error.js'
import { commitBeforeAnswer, markRequest } from './commit.js'
import { rateLimit, withHeaders } from './rate-limit.js'
import { errorResponse, json, renderError } from './respond.js'

export { SCENARIO_HEADER }

/** The header the standalone server uses to match journal entries to its log lines. */
export const REQUEST_ID_HEADER = 'x-auth0-emulator-request-id'

/** The body of an Auth0 endpoint: answers the request, noting what it learns in `trace`. */
export type EndpointHandler = (
  request: Request,
  scenarios: RequestScenarios,
  trace: RequestTrace,
) => Promise<Response>

/**
 * Wraps an Auth0 endpoint: resolves the request's scenarios once, applies the transport ones
 * every endpoint honours (`slow`, `network-error`, rate limiting, `server-error`), renders errors
 * with the endpoint's headers, adds the rate-limit headers to every answer, counts
 * `times`-limited toggles that changed the answer, and journals it.
 */
export function auth0Endpoint(
  tenant: TenantContext,
  headers: Readonly<Record<string, string>>,
  handle: EndpointHandler,
) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    const started = performance.now()
    const time = new Date().toISOString()
    const mark = markRequest(tenant)
    const trace: RequestTrace = {}
    let scenarios: RequestScenarios | undefined
    let response: Response
    let failure: Record<string, string> | undefined
    let limits: Readonly<Record<string, string>> = {}
    try {
      scenarios = tenant.scenarios.forRequest(request.headers.get(SCENARIO_HEADER))
      if (scenarios.apply('slow')) await delay(scenarios.delayMs)
      if (scenarios.apply('network-error')) response = HttpResponse.error()
      else {
        limits = rateLimit(tenant, scenarios)
        if (scenarios.apply('server-error')) throw new OAuthError('scenario_server_error')
        response = await handle(request, scenarios, trace)
      }
    } catch (err) {
      const rendered = renderError(tenant.errors, err)
      response = json(rendered.body, rendered.status, { ...headers, ...rendered.headers })
      failure = {
        reason: rendered.reason,
        error: rendered.body.error,
        error_description: rendered.body.error_description,
      }
    }
    if (scenarios) tenant.scenarios.settle(scenarios)
    response = await commitBeforeAnswer(tenant, mark, response, headers)
    withHeaders(response, limits)
    const url = new URL(request.url)
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
        ...(failure ?? trace.refusal),
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        params: redact(params),
      },
      request.headers.get(REQUEST_ID_HEADER),
    )
    return response
  }
}

/** Answers `405` with an `Allow` header for a known path called with the wrong method. */
export function methodNotAllowed(
  tenant: TenantContext,
  allow: string,
  headers: Readonly<Record<string, string>>,
) {
  return ({ request }: { request: Request }) =>
    errorResponse(
      tenant.errors,
      notAllowed(request.method, new URL(request.url).pathname, allow),
      headers,
    )
}
