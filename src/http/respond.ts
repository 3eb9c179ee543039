import type { ErrorEntry, ErrorKey } from '../contract/error-catalogue.js'
import { httpReason, ManagementError } from '../contract/management-error.js'
import type {
  ManagementErrorEntry,
  ManagementErrorKey,
} from '../contract/management-error-catalogue.js'
import { OAuthError } from '../contract/oauth-error.js'
import { devError } from '../support/dev-messages.js'
import { EmulatorError } from '../support/emulator-error.js'

/** Headers of every `/oauth/token` answer: exact `application/json`, never cached. */
export const TOKEN_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
}

/** Headers of `/mfa/*`, discovery, Management API and control answers. */
export const JSON_UTF8_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
}

const encoder = new TextEncoder()

/**
 * A compact JSON response with exactly the given headers and a `Content-Length`, as Auth0 sends
 * (a client that sends `Connection: keep-alive` itself never sees a length-less body end). The
 * body is encoded once, and a plain `Response` is all msw needs.
 */
export function json(
  body: unknown,
  status = 200,
  headers: Readonly<Record<string, string>> = JSON_UTF8_HEADERS,
): Response {
  const bytes = encoder.encode(JSON.stringify(body))
  return new Response(bytes, {
    status,
    headers: { ...headers, 'Content-Length': String(bytes.byteLength) },
  })
}

/** Fills a catalogue template's `{name}` placeholders; unknown names stay as written. */
function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole)
}

/** The error catalogues of a tenant, with its overrides applied. */
export interface Catalogues {
  readonly errors: Readonly<Record<ErrorKey, ErrorEntry>>
  readonly managementErrors: Readonly<Record<ManagementErrorKey, ManagementErrorEntry>>
}

/** Any failure, classified once: what every dialect renders in its own shape. */
export interface Problem {
  status: number
  /** The OAuth `error` code (Management API errors: the HTTP reason phrase). */
  error: string
  description: string
  /** The catalogue key, the emulator error code, or `server_error` for a bug. */
  reason: string
  headers: Readonly<Record<string, string>>
  /** Members after `error_description`, such as `mfa_token`. */
  extra: Readonly<Record<string, unknown>>
  /** A Management API catalogue entry's `errorCode` and `attributes`. */
  errorCode?: string
  attributes?: boolean
}

const BUG = 'The emulator failed to handle the request (a bug: the server log has the details)'

/**
 * The one place a failure is classified: an `OAuthError` or `ManagementError` answers from the
 * tenant's catalogue, an `EmulatorError` with its own status and code; anything else is a bug,
 * logged and answered as `500 server_error` (never blamed on the caller, never a stack trace).
 */
export function problemOf(catalogues: Catalogues, err: unknown): Problem {
  if (err instanceof OAuthError) {
    const entry = catalogues.errors[err.key]
    return {
      status: entry.status,
      error: entry.error,
      description: fill(entry.error_description, err.params),
      reason: err.key,
      headers: err.headers,
      extra: err.extra,
    }
  }
  if (err instanceof ManagementError) {
    const entry = catalogues.managementErrors[err.key]
    const message = fill(entry.message, err.params)
    return {
      status: entry.statusCode,
      error: httpReason(entry.statusCode),
      description: message,
      reason: err.key,
      headers: entry.wwwAuthenticate
        ? { 'WWW-Authenticate': fill(entry.wwwAuthenticate, { ...err.params, message }) }
        : {},
      extra: {},
      ...(entry.errorCode === undefined ? {} : { errorCode: entry.errorCode }),
      ...(entry.attributes ? { attributes: true } : {}),
    }
  }
  if (err instanceof EmulatorError) {
    return { ...emulatorProblem(err), extra: {} }
  }
  devError('unexpected failure while handling a request', err)
  return {
    status: 500,
    error: 'server_error',
    description: BUG,
    reason: 'server_error',
    headers: {},
    extra: {},
  }
}

/** An emulator error as a problem; the standalone server's gates render their refusals with it. */
export function emulatorProblem(err: EmulatorError): Omit<Problem, 'extra'> {
  return {
    status: err.status,
    error: err.code,
    description: err.message,
    reason: err.code,
    headers: err.headers,
  }
}

/** The Authentication API's error body: `{error, error_description, …}`. */
export function oauthBody(problem: Pick<Problem, 'error' | 'description'> & Partial<Problem>) {
  return { error: problem.error, error_description: problem.description, ...problem.extra }
}

/** The Management API's error body, keys in Auth0's order. */
export function managementBody(problem: Problem) {
  return {
    statusCode: problem.status,
    error: httpReason(problem.status),
    message: problem.description,
    ...(problem.errorCode === undefined ? {} : { errorCode: problem.errorCode }),
    ...(problem.attributes ? { attributes: { error: problem.description } } : {}),
  }
}
