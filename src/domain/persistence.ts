import { devError } from '../support/dev-messages.js'
import { EmulatorError } from '../support/emulator-error.js'
import { markChanged } from './changes.js'
import { type TenantState, tenantStateSchema } from './persisted.js'
import type { Persistence, TenantContext } from './tenant.js'

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

/** Where the kept state stood when a request began. */
export interface RequestMark {
  version: number
  epoch: number
}

/** Moves on with every change of the kept state. */
export function stateVersion(tenant: TenantContext): number {
  return tenant.store.version
}

/** Notes where the kept state stands as a request begins. */
export function markRequest(tenant: TenantContext): RequestMark {
  return { version: tenant.store.version, epoch: tenant.persistence.epoch() }
}

/**
 * Makes a request's changes durable before it is answered, when a state file is attached and the
 * kept state changed since the request began (`before`). A failed write returns the `500` to
 * answer instead: the state file's keeper has put the old state back, so nothing unwritten is
 * acknowledged.
 */
export async function commitChanges(
  tenant: TenantContext,
  before: RequestMark,
): Promise<EmulatorError | undefined> {
  const commit = tenant.persistence.commit
  if (!commit || tenant.store.version === before.version) return undefined
  try {
    await commit(before.epoch)
    return undefined
  } catch (err) {
    devError('the state file could not be written', err)
    const why = err instanceof Error ? err.message : String(err)
    return new EmulatorError(
      500,
      'server_error',
      `The change could not be written to the state file, so it was not kept: ${why}`,
    )
  }
}

/** Attaches a state file: its commit runs before every answer that changed the kept state. */
export function attachPersistence(tenant: TenantContext, persistence: Persistence): void {
  tenant.persistence.commit = persistence.commit
  tenant.persistence.epoch = persistence.epoch
}
