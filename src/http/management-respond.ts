import { HttpResponse } from 'msw'
import { httpReason, ManagementError } from '../contract/management-error.js'
import type {
  ManagementErrorEntry,
  ManagementErrorKey,
} from '../contract/management-error-catalogue.js'
import { devError } from '../support/dev-messages.js'
import { EmulatorError } from '../support/emulator-error.js'
import { fill, json } from './respond.js'

/** Headers of every Management API answer, errors and 204s included. */
export const MANAGEMENT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
}

/** A Management API error body, keys in Auth0's order. */
export interface ManagementErrorBody {
  statusCode: number
  error: string
  message: string
  errorCode?: string
  attributes?: { error: string }
}

/** A Management API error as it goes on the wire, and what produced it. */
export interface RenderedManagementError {
  body: ManagementErrorBody
  headers: Readonly<Record<string, string>>
  /** The catalogue key, the emulator error code, or `server_error` for a bug. */
  reason: string
}

/** The Management API error catalogue, with a tenant's overrides applied. */
export type ManagementCatalogue = Readonly<Record<ManagementErrorKey, ManagementErrorEntry>>

/**
 * The one place Management API errors are rendered, in Auth0's own shape (never the OAuth one):
 * a `ManagementError` answers from the tenant's catalogue, an `EmulatorError` (unknown path, wrong
 * method, size limit) with its status and message, anything else is a logged `500`.
 */
export function renderManagementError(
  catalogue: ManagementCatalogue,
  err: unknown,
): RenderedManagementError {
  if (err instanceof ManagementError) {
    const entry = catalogue[err.key]
    const message = fill(entry.message, err.params)
    return {
      body: {
        statusCode: entry.statusCode,
        error: httpReason(entry.statusCode),
        message,
        ...(entry.errorCode === undefined ? {} : { errorCode: entry.errorCode }),
        ...(entry.attributes ? { attributes: { error: message } } : {}),
      },
      headers: entry.wwwAuthenticate
        ? { 'WWW-Authenticate': fill(entry.wwwAuthenticate, { ...err.params, message }) }
        : {},
      reason: err.key,
    }
  }
  if (err instanceof EmulatorError) {
    return {
      body: { statusCode: err.status, error: httpReason(err.status), message: err.message },
      headers: err.headers,
      reason: err.code,
    }
  }
  devError('unexpected failure while handling a Management API request', err)
  return {
    body: {
      statusCode: 500,
      error: httpReason(500),
      message: 'The emulator failed to handle the request (a bug: the server log has the details)',
    },
    headers: {},
    reason: 'server_error',
  }
}

/** The response for a Management API error. */
export function managementErrorResponse(
  catalogue: ManagementCatalogue,
  err: unknown,
): HttpResponse<string> {
  const rendered = renderManagementError(catalogue, err)
  return json(rendered.body, rendered.body.statusCode, {
    ...MANAGEMENT_HEADERS,
    ...rendered.headers,
  })
}

/** `204 No Content` with the Management API's content type, as Auth0 sends it. */
export function noContent(): HttpResponse<null> {
  return new HttpResponse(null, { status: 204, headers: MANAGEMENT_HEADERS })
}
