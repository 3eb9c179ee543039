import type { RequestHandler } from 'msw'
import { defaultFixture } from './config/default-fixture.js'
import { parseFixture } from './config/parse.js'
import { type Fixture, type FixtureInput, tenantName } from './config/schema.js'
import { createControls, type IssueMfaTokenOptions } from './domain/admin-operations.js'
import { createAttemptLimiter } from './domain/attempt-limiter.js'
import { type Clock, createClock } from './domain/clock.js'
import { createJournal, type JournalEntry } from './domain/journal.js'
import type { TenantState } from './domain/persisted.js'
import { exportTenantState, importTenantState } from './domain/persistence.js'
import { createScenarioControls, type ScenarioControls } from './domain/scenario-toggles.js'
import { createStore, type SentMessage } from './domain/store.js'
import { type Core, resolveCatalogue, withTrailingSlash } from './domain/tenant.js'
import { controlHandlers } from './endpoints/admin/routes.js'
import { discoveryHandlers } from './endpoints/discovery.js'
import { mfaApiHandlers } from './endpoints/mfa/routes.js'
import { tokenEndpointHandlers } from './endpoints/token/endpoint.js'
import { DEFAULT_MAX_BODY_BYTES } from './http/read-body.js'
import { createRoutes } from './http/routes.js'
import type { ScenarioName } from './scenarios/names.js'
import { assertWebCrypto } from './support/webcrypto.js'
import { createGenerators } from './tokens/generators.js'
import { createKeyring } from './tokens/keys.js'
import { createRandomBytes } from './tokens/random.js'

/** Options of `createEmulator()`. */
export interface EmulatorOptions {
  /** A fixture object (validated); the default tenant when omitted. */
  fixtures?: FixtureInput
  /** Where `fixtures` came from, for error messages. */
  fixtureSource?: string
  /** The tenant host the handlers bind to; `*` (the default) matches any host. */
  domain?: string
  /** A fixed issuer; by default `https://{domain}/`, or the request's origin when domain is `*`. */
  issuer?: string
  /** Makes generated codes, ids and tokens repeatable across runs and resets. */
  seed?: string | number
  /** Freezes the clock at this time; by default it follows real time. */
  now?: number | Date
  /** Scenarios active at start and after every reset, in addition to the fixture's. */
  scenarios?: readonly ScenarioName[]
  /** How many recent requests `requests()` keeps (100 by default). */
  journalSize?: number
  /** Request bodies past this many bytes are refused with `413` (100 kB by default). */
  maxBodyBytes?: number
}

/** One emulated tenant: its msw handlers and the knobs tests turn. */
export interface Emulator {
  /** The msw request handlers: pass them to `setupServer`, `setupWorker` or `createMiddleware`. */
  readonly handlers: RequestHandler[]
  /** Runtime scenario toggles. */
  readonly scenarios: ScenarioControls
  /** The emulator's clock; advance it to expire mfa_tokens and refill attempts. */
  readonly clock: Clock
  /** The validated fixture in use. */
  readonly fixture: Fixture
  /** The tenant's name (`tenant.name`, or the first label of its domain). */
  readonly name: string
  /** Restores the fixture's codes, tokens, enrolments and scenarios, and resets the clock. */
  reset(): void
  /** Mints an mfa_token as a login answering `mfa_required` would. */
  issueMfaToken(options: IssueMfaTokenOptions): Promise<string>
  /** The user's active recovery code after any rotation, or null when they have none. */
  currentRecoveryCode(userId: string): string | null
  /** The SMS, voice and email codes "sent" to a user, newest first. */
  messages(userId: string): SentMessage[]
  /** Recent requests to the Auth0 endpoints, newest first, secrets redacted; cleared by reset. */
  requests(): JournalEntry[]
  /** The state worth keeping across restarts: rotated codes, enrolments, active scenarios. */
  exportState(): TenantState
  /** Restores what `exportState()` returned (users the fixture lacks are skipped). */
  importState(state: TenantState): void
  /** How many mfa_tokens, refresh tokens, OOB challenges and journal entries are held. */
  stats(): { mfa_tokens: number; refresh_tokens: number; challenges: number; requests: number }
  /** Calls `listener` after each request to an Auth0 endpoint; returns an unsubscribe function. */
  onRequest(listener: (entry: JournalEntry, requestId: string | null) => void): () => void
}

/**
 * Creates an emulator of an Auth0 tenant's MFA recovery-code flow from a fixture.
 * @example
 * const emulator = createEmulator({ seed: 1 })
 * const server = setupServer(...emulator.handlers)
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  assertWebCrypto()
  const fixture = options.fixtures
    ? parseFixture(options.fixtures, options.fixtureSource ?? 'fixtures')
    : defaultFixture()
  const domain = options.domain ?? '*'
  const clock = createClock(options.now)
  const scenarios = createScenarioControls([
    ...new Set([...fixture.scenarios, ...(options.scenarios ?? [])]),
  ])
  const fresh = () => {
    const gen = createGenerators(createRandomBytes(options.seed))
    const store = createStore(fixture, clock.now(), gen)
    return {
      gen,
      store,
      limiter: createAttemptLimiter(fixture.tenant.attempt_limit, store.attempts, clock.now),
    }
  }
  const core: Core = {
    fixture,
    domain,
    issuer: options.issuer === undefined ? undefined : withTrailingSlash(options.issuer),
    clock,
    scenarios,
    keys: createKeyring(fixture.tenant.signing_keys),
    errors: resolveCatalogue(fixture.tenant.errors),
    journal: createJournal(options.journalSize ?? 100),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    ...fresh(),
  }
  const controls = createControls(core, () => {
    clock.reset()
    scenarios.reset()
    core.journal.clear()
    Object.assign(core, fresh())
  })
  const route = createRoutes(domain)
  return {
    handlers: [
      ...tokenEndpointHandlers(core, route),
      ...mfaApiHandlers(core, route),
      ...discoveryHandlers(core, route),
      ...controlHandlers(core, controls, route),
    ],
    scenarios,
    clock,
    fixture,
    name: tenantName(fixture),
    reset: controls.reset,
    issueMfaToken: controls.issueMfaToken,
    requests: () => core.journal.list(),
    exportState: () => exportTenantState(core),
    importState: (state) => importTenantState(core, state),
    stats: () => ({
      mfa_tokens: core.store.mfaTokens.size,
      refresh_tokens: core.store.refreshTokens.size,
      challenges: core.store.challenges.size,
      requests: core.journal.list().length,
    }),
    onRequest: (listener) => core.journal.subscribe(listener),
    messages(userId) {
      const messages = controls.messages(userId)
      if (!messages) throw new TypeError(`No user '${userId}' in the fixture`)
      return messages
    },
    currentRecoveryCode(userId) {
      const user = core.store.users.get(userId)
      if (!user) throw new TypeError(`No user '${userId}' in the fixture`)
      return user.recoveryCode
    },
  }
}
