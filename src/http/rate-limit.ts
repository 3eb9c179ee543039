import { OAuthError } from '../contract/oauth-error.js'
import type { RateLimitState } from '../domain/rate-limiter.js'
import type { TenantContext } from '../domain/tenant.js'
import type { RequestScenarios } from '../scenarios/flags.js'

function headersOf(state: RateLimitState | null): Record<string, string> {
  if (!state) return {}
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': String(state.reset),
  }
}

/**
 * Counts a request against the tenant's bucket and returns the `X-RateLimit-*` headers its answer
 * carries. Over the limit, or with scenario `rate-limited`, it throws the catalogue's `429`
 * instead, with those headers and `Retry-After` (seconds).
 */
export function rateLimit(
  tenant: TenantContext,
  scenarios: RequestScenarios,
): Readonly<Record<string, string>> {
  const forced = scenarios.apply('rate-limited')
  const state = forced ? tenant.rateLimiter.empty() : tenant.rateLimiter.take()
  const headers = headersOf(state)
  if (forced || state?.limited) {
    throw new OAuthError(
      'rate_limit_exceeded',
      {},
      {},
      { ...headers, 'Retry-After': String(state?.retryAfter ?? 1) },
    )
  }
  return headers
}

/** Adds `headers` to a response the endpoint built (a network error has none to add to). */
export function withHeaders(response: Response, headers: Readonly<Record<string, string>>) {
  if (response.type === 'error') return response
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}
