import type { ErrorKey } from './error-catalogue.js'

/**
 * Thrown by any step of a request to answer with a catalogue error. It carries only the entry's
 * name and its parameters: the tenant's catalogue decides the wire body when it is serialised.
 */
export class OAuthError extends Error {
  override readonly name = 'OAuthError'

  constructor(
    readonly key: ErrorKey,
    readonly params: Readonly<Record<string, string>> = {},
    /** Fields appended to the body after `error_description`, such as `mfa_token`. */
    readonly extra: Readonly<Record<string, unknown>> = {},
    /** Headers of this answer, such as `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${key}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`)
  }
}
