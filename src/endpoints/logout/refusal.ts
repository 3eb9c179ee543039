import { HttpResponse } from 'msw'
import type { ErrorKey } from '../../contract/error-catalogue.js'
import type { RequestTrace } from '../../domain/journal.js'
import type { TenantContext } from '../../domain/tenant.js'
import { fill } from '../../http/respond.js'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Auth0's refusal of a logout: an HTML error page for the browser that followed the link (not
 * JSON), from the tenant's catalogue entry `key`.
 */
export function logoutRefusal(
  tenant: TenantContext,
  key: ErrorKey,
  params: Readonly<Record<string, string>>,
  trace: RequestTrace,
): HttpResponse<string> {
  const entry = tenant.errors[key]
  const description = fill(entry.error_description, params)
  trace.refusal = { reason: key, error: entry.error, error_description: description }
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><h1>Oops!, something went wrong</h1><p><code>${escapeHtml(entry.error)}</code>: ${escapeHtml(description)}</p></body></html>`
  return new HttpResponse(page, {
    status: entry.status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
