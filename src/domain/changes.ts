import type { Store } from './store.js'
import type { TenantContext } from './tenant.js'

/**
 * Notes a change of the state `--state-file` keeps (codes, enrolments, scenarios): the version
 * moves on, and the user (when one changed) is remembered until the state is next written.
 */
export function markChanged(store: Store, userId?: string): void {
  store.version += 1
  if (userId !== undefined) store.dirtyUsers.add(userId)
}

/** The users changed since the last call, forgetting them. */
export function takeChangedUsers(tenant: TenantContext): string[] {
  const users = [...tenant.store.dirtyUsers]
  tenant.store.dirtyUsers.clear()
  return users
}
