import { ManagementError } from '../../contract/management-error.js'
import type { RequestTrace } from '../../domain/journal.js'
import { findUser, type UserView } from '../../domain/store.js'
import type { TenantContext } from '../../domain/tenant.js'
import { pathSegment } from '../../http/routes.js'

// Auth0 validates `{id}` as `provider|id` before looking the user up.
const USER_ID = /^.+\|.+$/

/**
 * The user named by `/api/v2/users/{id}/…`, the id percent-decoded: a `400 invalid_uri` for an id
 * that is not `provider|id` (described as the route's OAS text), a `404 inexistent_user` for an
 * unknown one.
 */
export function userFromPath(
  tenant: TenantContext,
  request: Request,
  description: string,
  trace: RequestTrace,
): UserView {
  const id = pathSegment(request, 4)
  if (id === undefined || !USER_ID.test(id)) {
    const raw = new URL(request.url).pathname.split('/')[4] ?? ''
    throw new ManagementError('invalid_user_id', { id: id ?? raw, description })
  }
  const user = findUser(tenant, id)
  if (!user) throw new ManagementError('inexistent_user')
  trace.userId = id
  return user
}
