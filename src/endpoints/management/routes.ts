import { ManagementError } from '../../contract/management-error.js'
import { resetMfa } from '../../domain/mfa-reset.js'
import { recoveryCodesEnabled, regenerateRecoveryCode } from '../../domain/recovery-codes.js'
import type { TenantContext } from '../../domain/tenant.js'
import { type Fallback, type Route, route } from '../../http/pipeline.js'
import { json } from '../../http/respond.js'
import { authenticationMethods } from './authentication-methods.js'
import { managementCaller } from './bearer.js'
import { enrollments } from './enrollments.js'
import { pageOf, readPaging } from './paging.js'
import { userFromPath } from './user-path.js'

const USER = '/api/v2/users/[^/]+'

/** Refuses a body other than none or `{}`, as Auth0's payload validation words it. */
function requireEmptyObject(body: unknown): void {
  if (body === undefined) return
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const type = body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body
    throw new ManagementError('invalid_body', {
      detail: `Expected type object but found type ${type}`,
    })
  }
  const extra = Object.keys(body)
  if (extra.length) {
    throw new ManagementError('invalid_body', {
      detail: `Additional properties not allowed: ${extra.join(',')}`,
    })
  }
}

/**
 * The Management API slice of the recovery flow, under `/api/v2/`. The pipeline checks the token,
 * the body's JSON and the scope (hapi's order); each route then checks the path id and the query
 * or body, and acts.
 */
export function managementRoutes(tenant: TenantContext): Route[] {
  const dialect = 'management'
  return [
    route({
      method: 'POST',
      path: `${USER}/recovery-code-regeneration`,
      pattern: true,
      dialect,
      caller: managementCaller({ scopes: ['update:users'], body: true }),
      changesState: true,
      handle({ request, caller, trace }) {
        const description =
          'ID of the user to regenerate a multi-factor authentication recovery code for'
        const user = userFromPath(tenant, request, description, trace)
        requireEmptyObject(caller.body)
        const code = regenerateRecoveryCode(tenant, user.profile.user_id)
        if (code === undefined) throw new ManagementError('inexistent_user')
        return json({ recovery_code: code })
      },
    }),
    route({
      method: 'GET',
      path: `${USER}/enrollments`,
      pattern: true,
      dialect,
      caller: managementCaller({ scopes: ['read:users'], ownUserScopes: ['read:current_user'] }),
      handle({ request, trace }) {
        return json(
          enrollments(
            userFromPath(tenant, request, 'ID of the user to list enrollments for', trace),
          ),
        )
      },
    }),
    route({
      method: 'GET',
      path: `${USER}/authentication-methods`,
      pattern: true,
      dialect,
      caller: managementCaller({ scopes: ['read:authentication_methods'] }),
      handle({ request, url, scenarios, trace }) {
        const user = userFromPath(tenant, request, 'The ID of the user in question', trace)
        trace.params = Object.fromEntries(url.searchParams)
        const paging = readPaging(url.searchParams)
        const on = recoveryCodesEnabled(tenant, scenarios)
        return json(pageOf(authenticationMethods(tenant, user, on), paging))
      },
    }),
    route({
      method: 'DELETE',
      path: `${USER}/authenticators`,
      pattern: true,
      dialect,
      caller: managementCaller({ scopes: ['delete:guardian_enrollments'] }),
      changesState: true,
      handle({ request, trace }) {
        const user = userFromPath(tenant, request, 'ID of the user to delete', trace)
        if (!resetMfa(tenant, user.profile.user_id)) throw new ManagementError('inexistent_user')
        return new Response(null, { status: 204, headers: { 'Content-Type': JSON_TYPE } })
      },
    }),
  ]
}

const JSON_TYPE = 'application/json; charset=utf-8'

/** Any other path under `/api/v2/`. */
export const MANAGEMENT_FALLBACK: Fallback = {
  path: '/api/v2(?:/.*)?',
  pattern: true,
  dialect: 'management',
}
