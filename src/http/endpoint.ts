import { delay, HttpResponse } from 'msw'
import { OAuthError } from '../contract/oauth-error.js'
import { type RequestTrace, redact } from '../domain/journal.js'
import type { RequestScenarios } from '../domain/scenario-toggles.js'
import type { TenantContext } from '../domain/tenant.js'
import { errorBody, errorResponse } from './respond.js'

/** The request header that switches scenarios on for that one request. */
export const SCENARIO_HEADER = 'auth0-emulator-scenario'

/** The header the standalone server uses to match journal entries to its log lines. */
export const REQUEST_ID_HEADER = 'x-auth0-emulator-request-id'

/** The body of an Auth0 endpoint: answers the request, noting what it learns in `trace`. */
export type EndpointHandler = (
  request: Request,
  scenarios: RequestScenarios,
  trace: RequestTrace,
) => Promise<Response>

function refusal(tenant: TenantContext, err: unknown) {
  const oauth =
    err instanceof OAuthError
      ? err
      : new OAuthError('server_error', { detail: 'unexpected failure' })
  const { body } = errorBody(tenant, oauth)
  return {
    reason: oauth.key,
    error: String(body.error),
    error_description: String(body.error_description),
  }
}

/**
 * Wraps an Auth0 endpoint with the transport scenarios every such endpoint honours (`slow`,
 * `network-error`, `server-error`), the error serialisation for its content type, and the
 * request journal.
 */
export function auth0Endpoint(
  tenant: TenantContext,
  headers: Readonly<Record<string, string>>,
  handle: EndpointHandler,
) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    const started = performance.now()
    const time = new Date().toISOString()
    const trace: RequestTrace = {}
    let scenarios: RequestScenarios | undefined
    let response: Response
    let failure: ReturnType<typeof refusal> | undefined
    try {
      scenarios = tenant.scenarios.forRequest(request.headers.get(SCENARIO_HEADER))
      if (scenarios.take('slow')) await delay(scenarios.delayMs)
      if (scenarios.take('network-error')) response = HttpResponse.error()
      else if (scenarios.take('server-error')) throw new OAuthError('scenario_server_error')
      else response = await handle(request, scenarios, trace)
    } catch (err) {
      response = errorResponse(tenant, err, headers)
      failure = refusal(tenant, err)
    }
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
        ...failure,
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
      tenant,
      new OAuthError('method_not_allowed', {
        method: request.method,
        path: new URL(request.url).pathname,
        allow,
      }),
      headers,
    )
}
