import { PRODUCT } from '../support/dev-messages.js'
import { UsageError } from '../support/usage-error.js'

/**
 * The one line a failed start prints: a usage error already says what to change;
 * anything else is unexpected and says so.
 */
export function failureLine(err: unknown): string {
  return err instanceof UsageError
    ? `${PRODUCT}: ${err.message}`
    : `${PRODUCT}: failed to start: ${err instanceof Error ? err.message : String(err)}`
}
