import type { TenantContext } from '../domain/tenant.js'
import { devError } from '../support/dev-messages.js'
import { EmulatorError } from '../support/emulator-error.js'
import { errorResponse } from './respond.js'

/** Where the kept state stood when a request began. */
export interface RequestMark {
  version: number
  epoch: number
}

/** Notes where the kept state stands as a request begins. */
export function markRequest(tenant: TenantContext): RequestMark {
  return { version: tenant.store.version, epoch: tenant.persistence.epoch() }
}

/**
 * Makes a request's changes durable before it is answered, when a state file is attached and the
 * kept state changed since the request began (`before`, from `markRequest`). A failed write answers `500` instead of the change:
 * the state file's keeper has put the old state back, so nothing unwritten is acknowledged.
 */
export async function commitBeforeAnswer(
  tenant: TenantContext,
  before: RequestMark,
  response: Response,
  headers: Readonly<Record<string, string>>,
): Promise<Response> {
  const commit = tenant.persistence.commit
  if (!commit || tenant.store.version === before.version) return response
  try {
    await commit(before.epoch)
    return response
  } catch (err) {
    devError('the state file could not be written', err)
    const why = err instanceof Error ? err.message : String(err)
    return errorResponse(
      tenant.errors,
      new EmulatorError(
        500,
        'server_error',
        `The change could not be written to the state file, so it was not kept: ${why}`,
      ),
      headers,
    )
  }
}
