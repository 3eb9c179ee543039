import { HttpResponse } from 'msw'
import { OAuthError } from '../contract/oauth-error.js'
import type { TenantContext } from '../domain/tenant.js'
import { devError } from '../support/dev-messages.js'

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

/** A compact JSON response with exactly the given headers. */
export function json(
  body: unknown,
  status = 200,
  headers: Readonly<Record<string, string>> = JSON_UTF8_HEADERS,
): HttpResponse<string> {
  return new HttpResponse(JSON.stringify(body), { status, headers })
}

function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole)
}

/** The wire body of an error, keys in Auth0's order: `error`, `error_description`, extras. */
export function errorBody(
  tenant: TenantContext,
  err: OAuthError,
): { status: number; body: Record<string, unknown> } {
  const entry = tenant.errors[err.key]
  return {
    status: entry.status,
    body: {
      error: entry.error,
      error_description: fill(entry.error_description, err.params),
      ...err.extra,
    },
  }
}

/**
 * The one place errors become responses. An `OAuthError` answers from the tenant's catalogue;
 * anything else is a bug or a broken fixture, logged and answered as `500 server_error`.
 */
export function errorResponse(
  tenant: TenantContext,
  err: unknown,
  headers: Readonly<Record<string, string>> = JSON_UTF8_HEADERS,
): HttpResponse<string> {
  if (err instanceof OAuthError) {
    const { status, body } = errorBody(tenant, err)
    const extra =
      err.key === 'method_not_allowed' && err.params.allow ? { Allow: err.params.allow } : {}
    return json(body, status, { ...headers, ...extra })
  }
  devError('unexpected failure while handling a request', err)
  const detail = err instanceof Error ? err.message : String(err)
  return errorResponse(tenant, new OAuthError('server_error', { detail }), headers)
}
