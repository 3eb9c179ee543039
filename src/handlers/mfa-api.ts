import { HttpResponse, http } from 'msw'
import { OAuthError } from '../contract/oauth-error.js'
import type { Core } from '../core.js'
import { listAuthenticators } from '../state/authenticators.js'
import { auth0Endpoint, methodNotAllowed } from './auth0-endpoint.js'
import { associate } from './mfa-associate.js'
import { bearerMfaToken } from './mfa-auth.js'
import { challenge } from './mfa-challenge.js'
import { errorResponse, JSON_UTF8_HEADERS, json } from './respond.js'

/** The MFA API: `/mfa/authenticators`, `/mfa/associate`, `/mfa/challenge`. */
export function mfaApiHandlers(core: Core, route: (path: string) => string) {
  const endpoint = (handle: Parameters<typeof auth0Endpoint>[2]) =>
    auth0Endpoint(core, JSON_UTF8_HEADERS, handle)
  return [
    http.get(
      route('/mfa/authenticators'),
      endpoint(async (request, scenarios, trace) => {
        const { user } = bearerMfaToken(core, request, scenarios, trace)
        return json(listAuthenticators(core, user, scenarios))
      }),
    ),
    http.delete(
      route('/mfa/authenticators/:id'),
      endpoint(async (request, scenarios, trace) => {
        const { user } = bearerMfaToken(core, request, scenarios, trace)
        const id = decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? '')
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
      route('/mfa/associate'),
      endpoint(async (request, scenarios, trace) =>
        json(await associate(core, request, scenarios, trace)),
      ),
    ),
    http.post(
      route('/mfa/challenge'),
      endpoint(async (request, scenarios, trace) =>
        json(await challenge(core, request, scenarios, trace)),
      ),
    ),
    http.all(route('/mfa/authenticators'), methodNotAllowed(core, 'GET', JSON_UTF8_HEADERS)),
    http.all(route('/mfa/authenticators/:id'), methodNotAllowed(core, 'DELETE', JSON_UTF8_HEADERS)),
    http.all(route('/mfa/associate'), methodNotAllowed(core, 'POST', JSON_UTF8_HEADERS)),
    http.all(route('/mfa/challenge'), methodNotAllowed(core, 'POST', JSON_UTF8_HEADERS)),
    http.all(route('/mfa/*'), ({ request }) =>
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
