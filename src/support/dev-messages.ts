/** The prefix of every message the emulator prints for developers. */
export const PRODUCT = 'auth0-mfa-emulator'

/** Prints a warning that says what to change. */
export function devWarn(message: string): void {
  console.warn(`[${PRODUCT}] ${message}`)
}

/** Prints an unexpected failure with its cause. */
export function devError(message: string, cause?: unknown): void {
  console.error(`[${PRODUCT}] ${message}`, ...(cause === undefined ? [] : [cause]))
}
