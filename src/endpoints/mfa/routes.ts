import { HttpResponse, http } from 'msw'
import { OAuthError } from '../../contract/oauth-error.js'
import { listAuthenticators } from '../../domain/factors.js'
import type { Core } from '../../domain/tenant.js'
import { auth0Endpoint, methodNotAllowed } from '../../http/endpoint.js'
import { errorResponse, JSON_UTF8_HEADERS, json } from '../../http/respond.js'
import { pathSegment, type Routes } from '../../http/routes.js'
import { associate } from './associate.js'
import { bearerMfaToken } from './bearer.js'
import { challenge } from './challenge.js'

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
