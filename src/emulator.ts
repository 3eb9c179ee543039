import type { RequestHandler } from 'msw'
import { defaultFixture } from './config/default-fixture.js'
import { parseFixture } from './config/parse.js'
import { type Fixture, type FixtureInput, tenantName } from './config/schema.js'
import { createControls, type IssueMfaTokenOptions } from './domain/admin-operations.js'
import { takeChangedUsers } from './domain/changes.js'
import type { Clock } from './domain/clock.js'
import type { JournalEntry } from './domain/journal.js'
import { pickLimits, type StoreLimits } from './domain/limits.js'
import { checkOptions } from './domain/options.js'
import type { TenantState } from './domain/persisted.js'
import {
  attachPersistence,
  exportTenantState,
  exportUserState,
  importTenantState,
  type PersistedUser,
  stateVersion,
} from './domain/persistence.js'
import type { PushControls } from './domain/push-controls.js'
import type { ScenarioControls } from './domain/scenario-toggles.js'
import { type EmulatorStats, tenantStats } from './domain/stats.js'
import type { SentMessage } from './domain/store.js'
import { createTenant, type Persistence } from './domain/tenant.js'
import { CONTROL_FALLBACK, controlRoutes } from './endpoints/admin/routes.js'
import { discoveryRoutes } from './endpoints/discovery.js'
import { logoutRoutes } from './endpoints/logout/routes.js'
import { MANAGEMENT_FALLBACK, managementRoutes } from './endpoints/management/routes.js'
import { MFA_FALLBACK, mfaRoutes } from './endpoints/mfa/routes.js'
import { NOT_EMULATED_FALLBACKS } from './endpoints/not-emulated.js'
import { revokeRoutes } from './endpoints/revoke.js'
import { tokenRoutes } from './endpoints/token/endpoint.js'
import { userinfoRoutes } from './endpoints/userinfo.js'
import { type RouteInfo, routeHandler } from './http/pipeline.js'
import { DEFAULT_MAX_BODY_BYTES } from './http/read-body.js'
import type { ScenarioName } from './scenarios/names.js'
import { assertWebCrypto } from './support/webcrypto.js'

/** Options of `createEmulator()`. */
export interface EmulatorOptions extends Partial<StoreLimits> {
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
  /**
   * `emulator` (the default): the emulator keeps its own time, moved only by `emulator.clock`, so
   * test runners' fake timers do not expire mfa_tokens behind your back. `system`: it reads
   * `Date.now()` at every request, so `vi.setSystemTime()` / `jest.setSystemTime()` move it too.
   */
  clock?: 'emulator' | 'system'
  /** Scenarios active at start and after every reset, in addition to the fixture's. */
  scenarios?: readonly ScenarioName[]
  /** How many recent requests `requests()` keeps (100 by default). */
  journalSize?: number
  /** Request bodies past this many bytes are refused with `413` (100 kB by default). */
  maxBodyBytes?: number
}

/** The key of the hooks a state file uses (internal: `startServer({ stateFile })` uses them). */
export const STATE_FILE_HOOKS = Symbol('auth0-mfa-emulator state file hooks')

/** What a state file needs of an emulator: what changed, and a way to be called before answers. */
export interface StateFileHooks {
  /** Moves on with every change of the kept state. */
  version(): number
  /** The users whose kept state changed since the last call. */
  takeChangedUsers(): string[]
  /** One user's kept state. */
  exportUser(userId: string): PersistedUser | undefined
  /** Called before a request that changed the kept state is answered; rejects to refuse it. */
  attach(persistence: Persistence): void
}

/** The key of an emulator's route table (internal: the server's CORS and the tests read it). */
export const ROUTE_TABLE = Symbol('auth0-mfa-emulator route table')

/** One emulated tenant: its msw handlers and the knobs tests turn. */
export interface Emulator {
  /** Internal: what `--state-file` uses to keep changes durably. */
  readonly [STATE_FILE_HOOKS]: StateFileHooks
  /** Internal: every route its handlers answer, as declared. */
  readonly [ROUTE_TABLE]: readonly RouteInfo[]
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
  /**
   * The virtual Guardian app: `pending()` pushes, newest first; `approve(userId?)` and
   * `reject(userId?)` answer the newest pending push of that user, or of anyone.
   * @example
   * const challenge = await mfa.challengeAuthenticator({ mfaToken, challengeType: 'oob' })
   * emulator.push.approve('auth0|alice')
   */
  readonly push: PushControls
  /** The SMS, voice and email codes "sent" to a user, newest first. */
  messages(userId: string): SentMessage[]
  /** Recent requests to the Auth0 endpoints, newest first, secrets redacted; cleared by reset. */
  requests(): JournalEntry[]
  /** The state worth keeping across restarts: rotated codes, enrolments, active scenarios. */
  exportState(): TenantState
  /** Restores what `exportState()` returned (users the fixture lacks are skipped). */
  importState(state: TenantState): void
  /** How much each bounded store holds, and how many entries its limit evicted or refused. */
  stats(): EmulatorStats
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
  checkOptions(options)
  const fixture = options.fixtures
    ? parseFixture(options.fixtures, options.fixtureSource ?? 'fixtures')
    : defaultFixture()
  const domain = options.domain ?? '*'
  const tenant = createTenant(fixture, {
    domain,
    issuer: options.issuer,
    seed: options.seed,
    now: options.now,
    clock: options.clock ?? 'emulator',
    scenarios: options.scenarios ?? [],
    journalSize: options.journalSize ?? 100,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    limits: pickLimits(options),
  })
  const controls = createControls(tenant)
  const routes = [
    ...tokenRoutes(tenant),
    ...mfaRoutes(tenant),
    ...discoveryRoutes(tenant),
    ...userinfoRoutes(tenant),
    ...revokeRoutes(tenant),
    ...logoutRoutes(tenant),
    ...controlRoutes(tenant, controls),
    ...managementRoutes(tenant),
  ]
  const fallbacks = [MFA_FALLBACK, ...NOT_EMULATED_FALLBACKS, CONTROL_FALLBACK, MANAGEMENT_FALLBACK]
  const known = (userId: string) => {
    const code = controls.recoveryCode(userId)
    if (code === undefined) throw new TypeError(`No user '${userId}' in the fixture`)
    return code
  }
  return {
    handlers: [routeHandler(tenant, routes, fallbacks)],
    [ROUTE_TABLE]: routes,
    scenarios: tenant.scenarios,
    clock: tenant.clock,
    fixture,
    name: tenantName(fixture),
    reset: controls.reset,
    push: controls.push,
    issueMfaToken: controls.issueMfaToken,
    requests: () => tenant.journal.list(),
    exportState: () => exportTenantState(tenant),
    importState: (state) => importTenantState(tenant, state),
    stats: () => tenantStats(tenant),
    onRequest: (listener) => tenant.journal.subscribe(listener),
    [STATE_FILE_HOOKS]: {
      version: () => stateVersion(tenant),
      takeChangedUsers: () => takeChangedUsers(tenant),
      exportUser: (userId) => exportUserState(tenant, userId),
      attach: (persistence) => attachPersistence(tenant, persistence),
    },
    messages(userId) {
      known(userId)
      return controls.messages(userId) ?? []
    },
    currentRecoveryCode: known,
  }
}
