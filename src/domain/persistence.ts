import { markChanged } from './changes.js'
import { type TenantState, tenantStateSchema } from './persisted.js'
import type { TenantContext } from './tenant.js'

/** What `--state-file` keeps of one user. */
export type PersistedUser = TenantState['users'][string]

/** One user's kept state: the recovery code and the enrolments. */
export function exportUserState(tenant: TenantContext, userId: string): PersistedUser | undefined {
  const user = tenant.store.users.get(userId)
  return (
    user && {
      recovery_code: user.recoveryCode,
      recovery_code_id: user.recoveryCodeId,
      ...(user.recoveryCodeCreatedAt === undefined
        ? {}
        : { recovery_code_created_at: user.recoveryCodeCreatedAt }),
      authenticators: user.authenticators.map((a) => ({ ...a })),
    }
  )
}

/** The part of a tenant's state that `--state-file` keeps. */
export function exportTenantState(tenant: TenantContext): TenantState {
  const users: TenantState['users'] = {}
  for (const id of tenant.store.users.keys()) {
    const saved = exportUserState(tenant, id)
    if (saved) users[id] = saved
  }
  return { scenarios: tenant.scenarios.list(), users }
}

/** Applies a persisted state over the fixture's; users the fixture lacks are skipped. */
export function importTenantState(tenant: TenantContext, state: TenantState): void {
  const valid = tenantStateSchema.parse(state)
  tenant.scenarios.set(valid.scenarios)
  for (const [id, saved] of Object.entries(valid.users)) {
    const user = tenant.store.users.get(id)
    if (!user) continue
    markChanged(tenant.store, id)
    user.recoveryCode = saved.recovery_code
    user.recoveryCodeId = saved.recovery_code_id
    if (saved.recovery_code_created_at !== undefined) {
      user.recoveryCodeCreatedAt = saved.recovery_code_created_at
    }
    user.authenticators = saved.authenticators.map((a) => ({
      id: a.id,
      kind: a.kind,
      active: a.active,
      ...(a.secret === undefined ? {} : { secret: a.secret }),
      ...(a.phone_number === undefined ? {} : { phone_number: a.phone_number }),
      ...(a.email === undefined ? {} : { email: a.email }),
      ...(a.createdAt === undefined ? {} : { createdAt: a.createdAt }),
    }))
  }
}
