import { type Fixture, tenantName } from '../config/schema.js'
import { ERROR_CATALOGUE, type ErrorEntry, type ErrorKey } from '../contract/error-catalogue.js'
import {
  type ManagementErrorEntry,
  type ManagementErrorKey,
  resolveManagementCatalogue,
} from '../contract/management-error-catalogue.js'
import type { ScenarioName } from '../scenarios/names.js'
import { createGenerators, type Generators } from '../tokens/generators.js'
import { createKeyring, type SigningKey } from '../tokens/keys.js'
import {
  createRandomBytes,
  createRestartableRandom,
  type RestartableRandom,
  stringGenerator,
} from '../tokens/random.js'
import { type AttemptLimiter, createAttemptLimiter } from './attempt-limiter.js'
import { markChanged } from './changes.js'
import { type Clock, createClock, systemNow } from './clock.js'
import { createJournal, type Journal } from './journal.js'
import { DEFAULT_LIMITS, type StoreLimits } from './limits.js'
import { createRateLimiter, type RateLimiter } from './rate-limiter.js'
import { createScenarioControls, type ScenarioControls } from './scenario-toggles.js'
import { createStore, resetStore, type Store } from './store.js'

/** One emulated tenant: its configuration and its live state, read by every endpoint. */
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
  /** The Management API's error catalogue, with the tenant's overrides. */
  readonly managementErrors: Readonly<Record<ManagementErrorKey, ManagementErrorEntry>>
  readonly journal: Journal
  /** Bodies past this many bytes are refused with 413. */
  readonly maxBodyBytes: number
  /** Count limits of the stores a client can grow. */
  readonly limits: Readonly<StoreLimits>
  /** Set by a state file: makes the changes so far durable before a request is answered. */
  readonly persistence: Persistence
  /** Reset in place: holders of these objects always see the current state. */
  readonly store: Store
  readonly gen: Generators
  readonly limiter: AttemptLimiter
  /** The tenant-wide request bucket behind the X-RateLimit-* headers. */
  readonly rateLimiter: RateLimiter
  readonly random: RestartableRandom
  /**
   * Starts the `jti` of every user JWT this tenant signs, so a tenant refuses another's tokens even
   * when both were loaded from one fixture with one key. Derived from the tenant's name (and seed),
   * so it survives a restart and differs between the tenants of one server.
   */
  readonly jwtIdPrefix: string
}

/** How a state file keeps a tenant's changes. */
export interface Persistence {
  /**
   * Resolves once every change so far is written; rejects when a write failed, or when the state
   * was put back after a failed write since `since` (an `epoch()` taken when the request began).
   */
  commit: ((since: number) => Promise<void>) | undefined
  /** Counts the times the state was put back after a failed write. */
  epoch: () => number
}

/** What `createTenant` needs beyond the fixture. */
export interface TenantOptions {
  domain: string
  issuer: string | undefined
  seed: string | number | undefined
  now: number | Date | undefined
  /** `system` follows `Date.now()` at every read (fake timers move it). */
  clock: 'emulator' | 'system'
  scenarios: readonly ScenarioName[]
  journalSize: number
  maxBodyBytes: number
  /** Limits other than the defaults. */
  limits?: Partial<StoreLimits>
}

/** The catalogue with the tenant's overrides applied. */
function resolveCatalogue(overrides: Fixture['tenant']['errors']): Record<ErrorKey, ErrorEntry> {
  const out = { ...ERROR_CATALOGUE } as Record<ErrorKey, ErrorEntry>
  for (const [key, override] of Object.entries(overrides) as [ErrorKey, Partial<ErrorEntry>][]) {
    out[key] = { ...out[key], ...override }
  }
  return out
}

/** Adds the trailing slash Auth0's issuers always carry. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}

const JWT_ID_PREFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Builds a tenant's context and state from a validated fixture. */
export function createTenant(fixture: Fixture, options: TenantOptions): TenantContext {
  const clock = createClock(options.now, options.clock === 'system' ? systemNow : undefined)
  const random = createRestartableRandom(options.seed)
  const gen = createGenerators(random.bytes)
  const store = createStore(fixture, clock.now(), gen)
  return {
    fixture,
    domain: options.domain,
    issuer: options.issuer === undefined ? undefined : withTrailingSlash(options.issuer),
    clock,
    scenarios: createScenarioControls(
      [...new Set([...fixture.scenarios, ...options.scenarios])],
      () => markChanged(store),
    ),
    keys: createKeyring(fixture.tenant.signing_keys, {
      commonName: fixture.tenant.domain,
      now: clock.now,
    }),
    errors: resolveCatalogue(fixture.tenant.errors),
    managementErrors: resolveManagementCatalogue(fixture.tenant.management_errors),
    journal: createJournal(options.journalSize),
    maxBodyBytes: options.maxBodyBytes,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    store,
    gen,
    limiter: createAttemptLimiter(fixture.tenant.attempt_limit, store.attempts, clock.now),
    rateLimiter: createRateLimiter(fixture.tenant.rate_limit, clock.now),
    random,
    persistence: { commit: undefined, epoch: () => 0 },
    jwtIdPrefix: stringGenerator(
      createRandomBytes(`jti:${options.seed ?? ''}:${tenantName(fixture)}`),
      JWT_ID_PREFIX_ALPHABET,
      6,
    )(),
  }
}

/** Back to the fixture: codes, tokens, enrolments, scenarios, clock and journal, all in place. */
export function resetTenant(tenant: TenantContext): void {
  tenant.clock.reset()
  tenant.scenarios.reset()
  tenant.journal.clear()
  tenant.random.restart()
  tenant.rateLimiter.reset()
  resetStore(tenant.store, tenant.fixture, tenant.clock.now(), tenant.gen)
}

/** The issuer for a request: fixed, the bound domain, or the request's own origin. */
export function issuerFor(tenant: TenantContext, url: URL): string {
  if (tenant.issuer) return tenant.issuer
  if (tenant.domain !== '*') return `https://${tenant.domain}/`
  return `${url.origin}/`
}
