import { HttpResponse, http } from 'msw'
import { OAuthError } from '../../contract/oauth-error.js'
import { listAuthenticators } from '../../domain/authenticator-list.js'
import { deleteFactor } from '../../domain/factors.js'
import { recoveryCodesEnabled } from '../../domain/recovery-codes.js'
import type { TenantContext } from '../../domain/tenant.js'
import { auth0Endpoint, methodNotAllowed } from '../../http/endpoint.js'
import { errorResponse, JSON_UTF8_HEADERS, json } from '../../http/respond.js'
import { pathSegment, type Routes } from '../../http/routes.js'
import { notFound } from '../../support/emulator-error.js'
import { associate } from './associate.js'
import { mfaBearer } from './bearer.js'
import { challenge } from './challenge.js'

/** The MFA API: `/mfa/authenticators`, `/mfa/associate`, `/mfa/challenge`. */
export function mfaApiHandlers(tenant: TenantContext, route: Routes) {
  const endpoint = (handle: Parameters<typeof auth0Endpoint>[2]) =>
    auth0Endpoint(tenant, JSON_UTF8_HEADERS, handle)
  return [
    http.get(
      route.path('/mfa/authenticators'),
      endpoint(async (request, scenarios, trace) => {
        const { user } = await mfaBearer(tenant, request, scenarios, trace, {
          mfaToken: true,
          scope: 'read:authenticators',
        })
        const on = recoveryCodesEnabled(tenant, scenarios.apply('recovery-codes-disabled'))
        return json(listAuthenticators(tenant, user, on))
      }),
    ),
    http.delete(
      route.pattern('/mfa/authenticators/[^/]+'),
      endpoint(async (request, scenarios, trace) => {
        const { user } = await mfaBearer(tenant, request, scenarios, trace, {
          mfaToken: false,
          scope: 'remove:authenticators',
        })
        const id = pathSegment(request, 3) ?? ''
        if (!deleteFactor(tenant, user.profile.user_id, id)) {
          throw new OAuthError('authenticator_not_found')
        }
        return new HttpResponse(null, { status: 204 })
      }),
    ),
    http.post(
      route.path('/mfa/associate'),
      endpoint(async (request, scenarios, trace) =>
        json(await associate(tenant, request, scenarios, trace)),
      ),
    ),
    http.post(
      route.path('/mfa/challenge'),
      endpoint(async (request, scenarios, trace) =>
        json(await challenge(tenant, request, scenarios, trace)),
      ),
    ),
    http.all(route.path('/mfa/authenticators'), methodNotAllowed(tenant, 'GET', JSON_UTF8_HEADERS)),
    http.all(
      route.pattern('/mfa/authenticators/[^/]+'),
      methodNotAllowed(tenant, 'DELETE', JSON_UTF8_HEADERS),
    ),
    http.all(route.path('/mfa/associate'), methodNotAllowed(tenant, 'POST', JSON_UTF8_HEADERS)),
    http.all(route.path('/mfa/challenge'), methodNotAllowed(tenant, 'POST', JSON_UTF8_HEADERS)),
    http.all(route.pattern('/mfa/.*'), ({ request }) =>
      errorResponse(
        tenant.errors,
        notFound(`Not found: ${request.method} ${new URL(request.url).pathname}`),
      ),
    ),
  ]
}
