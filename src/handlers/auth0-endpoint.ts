import { delay, HttpResponse } from 'msw'
import { OAuthError } from '../contract/oauth-error.js'
import type { Core } from '../core.js'
import type { RequestScenarios } from '../scenarios/controls.js'
import { errorResponse } from './respond.js'

/** The request header that switches scenarios on for that one request. */
export const SCENARIO_HEADER = 'auth0-emulator-scenario'

/**
 * Wraps an Auth0 endpoint with the transport scenarios every such endpoint honours (`slow`,
 * `network-error`, `server-error`) and the error serialisation for its content type.
 */
export function auth0Endpoint(
  core: Core,
  headers: Readonly<Record<string, string>>,
  handle: (request: Request, scenarios: RequestScenarios) => Promise<Response>,
) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    try {
      const scenarios = core.scenarios.forRequest(request.headers.get(SCENARIO_HEADER))
      if (scenarios.take('slow')) await delay(scenarios.delayMs)
      if (scenarios.take('network-error')) return HttpResponse.error()
      if (scenarios.take('server-error')) throw new OAuthError('scenario_server_error')
      return await handle(request, scenarios)
    } catch (err) {
      return errorResponse(core, err, headers)
    }
  }
}

/** Answers `405` with an `Allow` header for a known path called with the wrong method. */
export function methodNotAllowed(
  core: Core,
  allow: string,
  headers: Readonly<Record<string, string>>,
) {
  return ({ request }: { request: Request }) =>
    errorResponse(
      core,
      new OAuthError('method_not_allowed', {
        method: request.method,
        path: new URL(request.url).pathname,
        allow,
      }),
      headers,
    )
}
