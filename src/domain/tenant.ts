import type { Fixture } from '../config/schema.js'
import { ERROR_CATALOGUE, type ErrorEntry, type ErrorKey } from '../contract/error-catalogue.js'
import type { Generators } from '../tokens/generators.js'
import type { SigningKey } from '../tokens/keys.js'
import type { AttemptLimiter } from './attempt-limiter.js'
import type { Clock } from './clock.js'
import type { Journal } from './journal.js'
import type { ScenarioControls } from './scenario-toggles.js'
import type { Store } from './store.js'

/** Everything a handler reads: one emulator's configuration and its live state. */
export interface TenantContext {
  readonly fixture: Fixture
  /** The host the handlers bind to, or `*` for any. */
  readonly domain: string
  /** A fixed issuer (with trailing slash), or undefined to derive it per request. */
  readonly issuer: string | undefined
  readonly clock: Clock
  readonly scenarios: ScenarioControls
  readonly keys: () => Promise<SigningKey[]>
  readonly errors: Readonly<Record<ErrorKey, ErrorEntry>>
  readonly journal: Journal
  /** Bodies past this many bytes are refused with 413. */
  readonly maxBodyBytes: number
  /** Replaced on reset, so always read through the tenant. */
  store: Store
  gen: Generators
  limiter: AttemptLimiter
}

/** The catalogue with the tenant's overrides applied. */
export function resolveCatalogue(
  overrides: Fixture['tenant']['errors'],
): Record<ErrorKey, ErrorEntry> {
  const out = { ...ERROR_CATALOGUE } as Record<ErrorKey, ErrorEntry>
  for (const [key, override] of Object.entries(overrides) as [ErrorKey, Partial<ErrorEntry>][]) {
    out[key] = { ...out[key], ...override }
  }
  return out
}

/** Adds the trailing slash Auth0's issuers always carry. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}

/** The issuer for a request: fixed, the bound domain, or the request's own origin. */
export function issuerFor(tenant: TenantContext, url: URL): string {
  if (tenant.issuer) return tenant.issuer
  if (tenant.domain !== '*') return `https://${tenant.domain}/`
  return `${url.origin}/`
}
