import { HttpResponse, http } from 'msw'
import { OAuthError } from '../contract/oauth-error.js'
import type { Core } from '../core.js'
import { listAuthenticators } from '../state/authenticators.js'
import { auth0Endpoint, methodNotAllowed } from './auth0-endpoint.js'
import { associate } from './mfa-associate.js'
import { bearerMfaToken } from './mfa-auth.js'
import { challenge } from './mfa-challenge.js'
import { errorResponse, JSON_UTF8_HEADERS, json } from './respond.js'
import { pathSegment, type Routes } from './routes.js'

/** The MFA API: `/mfa/authenticators`, `/mfa/associate`, `/mfa/challenge`. */
export function mfaApiHandlers(core: Core, route: Routes) {
  const endpoint = (handle: Parameters<typeof auth0Endpoint>[2]) =>
    auth0Endpoint(core, JSON_UTF8_HEADERS, handle)
  return [
    http.get(
      route.path('/mfa/authenticators'),
      endpoint(async (request, scenarios, trace) => {
        const { user } = bearerMfaToken(core, request, scenarios, trace)
        return json(listAuthenticators(core, user, scenarios))
      }),
    ),
    http.delete(
      route.pattern('/mfa/authenticators/[^/]+'),
      endpoint(async (request, scenarios, trace) => {
        const { user } = bearerMfaToken(core, request, scenarios, trace)
        const id = pathSegment(request, 3)
        if (id === user.recoveryCodeId && user.recoveryCode !== null) {
          user.recoveryCode = null
        } else {
          const remaining = user.authenticators.filter((a) => a.id !== id)
          if (remaining.length === user.authenticators.length)
            throw new OAuthError('authenticator_not_found')
          user.authenticators = remaining
        }
        return new HttpResponse(null, { status: 204 })
      }),
    ),
    http.post(
      route.path('/mfa/associate'),
      endpoint(async (request, scenarios, trace) =>
        json(await associate(core, request, scenarios, trace)),
      ),
    ),
    http.post(
      route.path('/mfa/challenge'),
      endpoint(async (request, scenarios, trace) =>
        json(await challenge(core, request, scenarios, trace)),
      ),
    ),
    http.all(route.path('/mfa/authenticators'), methodNotAllowed(core, 'GET', JSON_UTF8_HEADERS)),
    http.all(
      route.pattern('/mfa/authenticators/[^/]+'),
      methodNotAllowed(core, 'DELETE', JSON_UTF8_HEADERS),
    ),
    http.all(route.path('/mfa/associate'), methodNotAllowed(core, 'POST', JSON_UTF8_HEADERS)),
    http.all(route.path('/mfa/challenge'), methodNotAllowed(core, 'POST', JSON_UTF8_HEADERS)),
    http.all(route.pattern('/mfa/.*'), ({ request }) =>
      errorResponse(
        core,
        new OAuthError('not_found', {
          method: request.method,
          path: new URL(request.url).pathname,
        }),
      ),
    ),
  ]
}
