/**
 * An error of the emulator itself, not an Auth0 answer: bad control-API input, an unknown path or
 * method, a size limit, a refused start. It carries its own status and `error` code; the one
 * responder (`src/http/respond.ts`) renders it, the CLI prints its message as one line.
 */
export class EmulatorError extends Error {
  override name = 'EmulatorError'

  constructor(
    /** The HTTP status when it answers a request. */
    readonly status: number,
    /** The `error` field of the JSON body. */
    readonly code: string,
    /** The `error_description`: what went wrong and what to change. */
    message: string,
    /** Extra response headers, such as `Allow` on a 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
  }
}

/** A request the caller should change: `400 invalid_request`. */
export const invalidRequest = (description: string) =>
  new EmulatorError(400, 'invalid_request', description)

/** No such route: `404 not_found`. */
export const notFound = (description: string) => new EmulatorError(404, 'not_found', description)

/** A known path called with the wrong method: `405` with `Allow`. */
export const methodNotAllowed = (method: string, path: string, allow: string) =>
  new EmulatorError(
    405,
    'method_not_allowed',
    `${method} is not allowed on ${path}; use ${allow}`,
    {
      Allow: allow,
    },
  )

/** A body past the size limit: `413`, and the connection is closed (the rest is never read). */
export const bodyTooLarge = (limit: number) =>
  new EmulatorError(413, 'invalid_request', `Request body is larger than ${limit} bytes`, {
    Connection: 'close',
  })
