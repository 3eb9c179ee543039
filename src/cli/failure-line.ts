import { PRODUCT } from '../support/dev-messages.js'
import { EmulatorError } from '../support/emulator-error.js'

/**
 * The one line a failed start prints: the emulator's own errors already say what to change;
 * anything else is unexpected and says so.
 */
export function failureLine(err: unknown): string {
  return err instanceof EmulatorError
    ? `${PRODUCT}: ${err.message}`
    : `${PRODUCT}: failed to start: ${err instanceof Error ? err.message : String(err)}`
}
