import { http } from 'msw'
import { ManagementError } from '../../contract/management-error.js'
import { resolveManagementCatalogue } from '../../contract/management-error-catalogue.js'
import { resetMfa } from '../../domain/mfa-reset.js'
import { recoveryCodesEnabled, regenerateRecoveryCode } from '../../domain/recovery-codes.js'
import type { TenantContext } from '../../domain/tenant.js'
import {
  managementEndpoint,
  managementMethodNotAllowed,
  managementNotFound,
} from '../../http/management-endpoint.js'
import { MANAGEMENT_HEADERS, noContent } from '../../http/management-respond.js'
import { json } from '../../http/respond.js'
import type { Routes } from '../../http/routes.js'
import { authenticationMethods } from './authentication-methods.js'
import { requireScope, verifyManagementToken } from './bearer.js'
import { enrollments } from './enrollments.js'
import { pageOf, readPaging } from './paging.js'
import { readJsonBody, requireEmptyObject } from './request-body.js'
import { userFromPath } from './user-path.js'

const USER = '/api/v2/users/[^/]+'

/**
 * The Management API slice of the recovery flow, under `/api/v2/`. Each route checks in hapi's
 * order: the token, the body's JSON, the scope, the path id, the query or body, then acts.
 */
export function managementApiHandlers(tenant: TenantContext, route: Routes) {
  const catalogue = resolveManagementCatalogue(tenant.fixture.tenant.management_errors)
  const endpoint = (handle: Parameters<typeof managementEndpoint>[2]) =>
    managementEndpoint(tenant, catalogue, handle)
  const ok = (body: unknown) => json(body, 200, MANAGEMENT_HEADERS)
  return [
    http.post(
      route.pattern(`${USER}/recovery-code-regeneration`),
      endpoint(async (request, _scenarios, trace) => {
        const scopes = await verifyManagementToken(tenant, request, trace)
        const body = await readJsonBody(request, tenant.maxBodyBytes)
        requireScope(scopes, ['update:users'])
        const description =
          'ID of the user to regenerate a multi-factor authentication recovery code for'
        const user = userFromPath(tenant, request, description, trace)
        requireEmptyObject(body)
        const code = regenerateRecoveryCode(tenant, user.profile.user_id)
        if (code === undefined) throw new ManagementError('inexistent_user')
        return ok({ recovery_code: code })
      }),
    ),
    http.get(
      route.pattern(`${USER}/enrollments`),
      endpoint(async (request, _scenarios, trace) => {
        requireScope(await verifyManagementToken(tenant, request, trace), ['read:users'])
        const user = userFromPath(tenant, request, 'ID of the user to list enrollments for', trace)
        return ok(enrollments(user))
      }),
    ),
    http.get(
      route.pattern(`${USER}/authentication-methods`),
      endpoint(async (request, scenarios, trace) => {
        const scopes = await verifyManagementToken(tenant, request, trace)
        requireScope(scopes, ['read:authentication_methods'])
        const user = userFromPath(tenant, request, 'The ID of the user in question', trace)
        const query = new URL(request.url).searchParams
        trace.params = Object.fromEntries(query)
        const paging = readPaging(query)
        const on = recoveryCodesEnabled(tenant, scenarios.apply('recovery-codes-disabled'))
        return ok(pageOf(authenticationMethods(tenant, user, on), paging))
      }),
    ),
    http.delete(
      route.pattern(`${USER}/authenticators`),
      endpoint(async (request, _scenarios, trace) => {
        const scopes = await verifyManagementToken(tenant, request, trace)
        requireScope(scopes, ['delete:guardian_enrollments'])
        const user = userFromPath(tenant, request, 'ID of the user to delete', trace)
        if (!resetMfa(tenant, user.profile.user_id)) throw new ManagementError('inexistent_user')
        return noContent()
      }),
    ),
    http.all(
      route.pattern(`${USER}/recovery-code-regeneration`),
      managementMethodNotAllowed(catalogue, 'POST'),
    ),
    http.all(route.pattern(`${USER}/enrollments`), managementMethodNotAllowed(catalogue, 'GET')),
    http.all(
      route.pattern(`${USER}/authentication-methods`),
      managementMethodNotAllowed(catalogue, 'GET'),
    ),
    http.all(
      route.pattern(`${USER}/authenticators`),
      managementMethodNotAllowed(catalogue, 'DELETE'),
    ),
    http.all(route.pattern('/api/v2(?:/.*)?'), managementNotFound(catalogue)),
  ]
}
