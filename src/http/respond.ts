import { HttpResponse } from 'msw'
import type { ErrorEntry, ErrorKey } from '../contract/error-catalogue.js'
import { OAuthError } from '../contract/oauth-error.js'
import { devError } from '../support/dev-messages.js'
import { EmulatorError } from '../support/emulator-error.js'

/** Headers of every `/oauth/token` answer: exact `application/json`, never cached. */
export const TOKEN_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
}

/** Headers of `/mfa/*`, discovery and control answers. */
export const JSON_UTF8_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
}

const encoder = new TextEncoder()

/**
 * A compact JSON response with exactly the given headers and a `Content-Length`, as Auth0 sends
 * (a client that sends `Connection: keep-alive` itself never sees a length-less body end).
 */
export function json(
  body: unknown,
  status = 200,
  headers: Readonly<Record<string, string>> = JSON_UTF8_HEADERS,
): HttpResponse<string> {
  const text = JSON.stringify(body)
  return new HttpResponse(text, {
    status,
    headers: { ...headers, 'Content-Length': String(encoder.encode(text).byteLength) },
  })
}

/** An error as it goes on the wire, and the catalogue entry (if any) that produced it. */
export interface RenderedError {
  status: number
  body: { error: string; error_description: string } & Record<string, unknown>
  headers: Readonly<Record<string, string>>
  /** The catalogue key, the emulator error code, or `server_error` for a bug. */
  reason: string
}

/** Fills a catalogue template's `{name}` placeholders; unknown names stay as written. */
export function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole)
}

/**
 * The one place errors are rendered. An `OAuthError` answers from the tenant's catalogue, an
 * `EmulatorError` with its own status and code; anything else is a bug, logged and answered as
 * `500 server_error` (never blamed on the caller, never a stack trace on the wire).
 */
export function renderError(
  catalogue: Readonly<Record<ErrorKey, ErrorEntry>>,
  err: unknown,
): RenderedError {
  if (err instanceof OAuthError) {
    const entry = catalogue[err.key]
    return {
      status: entry.status,
      body: {
        error: entry.error,
        error_description: fill(entry.error_description, err.params),
        ...err.extra,
      },
      headers: err.headers,
      reason: err.key,
    }
  }
  if (err instanceof EmulatorError) {
    return {
      status: err.status,
      body: { error: err.code, error_description: err.message },
      headers: err.headers,
      reason: err.code,
    }
  }
  devError('unexpected failure while handling a request', err)
  return {
    status: 500,
    body: {
      error: 'server_error',
      error_description:
        'The emulator failed to handle the request (a bug: the server log has the details)',
    },
    headers: {},
    reason: 'server_error',
  }
}

/** The response for any error, with the endpoint's headers (its content type) and the error's own. */
export function errorResponse(
  catalogue: Readonly<Record<ErrorKey, ErrorEntry>>,
  err: unknown,
  headers: Readonly<Record<string, string>> = JSON_UTF8_HEADERS,
): HttpResponse<string> {
  const rendered = renderError(catalogue, err)
  return json(rendered.body, rendered.status, { ...headers, ...rendered.headers })
}
