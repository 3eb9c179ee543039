import type { RequestHandler } from 'msw'
import { defaultFixture } from './config/default-fixture.js'
import { parseFixture } from './config/parse.js'
import { type Fixture, type FixtureInput, tenantName } from './config/schema.js'
import { createControls, type IssueMfaTokenOptions } from './domain/admin-operations.js'
import { takeChangedUsers } from './domain/changes.js'
import type { Clock } from './domain/clock.js'
import type { JournalEntry } from './domain/journal.js'
import { DEFAULT_MAX_MFA_TOKENS } from './domain/mfa-tokens.js'
import type { TenantState } from './domain/persisted.js'
import {
  exportTenantState,
  exportUserState,
  importTenantState,
  type PersistedUser,
} from './domain/persistence.js'
import type { PushControls } from './domain/push-controls.js'
import type { ScenarioControls } from './domain/scenario-toggles.js'
import type { SentMessage } from './domain/store.js'
import { createTenant, type Persistence } from './domain/tenant.js'
import { controlHandlers } from './endpoints/admin/routes.js'
import { discoveryHandlers } from './endpoints/discovery.js'
import { logoutHandlers } from './endpoints/logout/routes.js'
import { managementApiHandlers } from './endpoints/management/routes.js'
import { mfaApiHandlers } from './endpoints/mfa/routes.js'
import { notEmulatedHandlers } from './endpoints/not-emulated.js'
import { revokeHandlers } from './endpoints/revoke.js'
import { tokenEndpointHandlers } from './endpoints/token/endpoint.js'
import { userinfoHandlers } from './endpoints/userinfo.js'
import { DEFAULT_MAX_BODY_BYTES } from './http/read-body.js'
import { createRoutes } from './http/routes.js'
import type { ScenarioName } from './scenarios/names.js'
import { assertWebCrypto } from './support/webcrypto.js'

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
  /** mfa_tokens kept at most (10,000 by default); the oldest are evicted and answer as malformed. */
  maxMfaTokens?: number
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

/** One emulated tenant: its msw handlers and the knobs tests turn. */
export interface Emulator {
  /** Internal: what `--state-file` uses to keep changes durably. */
  readonly [STATE_FILE_HOOKS]: StateFileHooks
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
  /** How many mfa_tokens, refresh tokens, OOB challenges, pushes and journal entries are held. */
  stats(): {
    mfa_tokens: number
    mfa_tokens_evicted: number
    refresh_tokens: number
    challenges: number
    pushes: number
    requests: number
  }
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
  const tenant = createTenant(fixture, {
    domain,
    issuer: options.issuer,
    seed: options.seed,
    now: options.now,
    clock: options.clock ?? 'emulator',
    scenarios: options.scenarios ?? [],
    journalSize: options.journalSize ?? 100,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxMfaTokens: options.maxMfaTokens ?? DEFAULT_MAX_MFA_TOKENS,
  })
  const controls = createControls(tenant)
  const route = createRoutes(domain)
  return {
    handlers: [
      ...tokenEndpointHandlers(tenant, route),
      ...mfaApiHandlers(tenant, route),
      ...discoveryHandlers(tenant, route),
      ...userinfoHandlers(tenant, route),
      ...revokeHandlers(tenant, route),
      ...logoutHandlers(tenant, route),
      ...notEmulatedHandlers(tenant, route),
      ...controlHandlers(tenant, controls, route),
      // Last: the Authentication API and the control routes never test these patterns.
      ...managementApiHandlers(tenant, route),
    ],
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
    stats: () => ({
      mfa_tokens: tenant.store.mfaTokens.size,
      pushes: tenant.store.pushes.size,
      mfa_tokens_evicted: tenant.store.evictedMfaTokens,
      refresh_tokens: tenant.store.refreshTokens.size,
      challenges: tenant.store.challenges.size,
      requests: tenant.journal.list().length,
    }),
    onRequest: (listener) => tenant.journal.subscribe(listener),
    [STATE_FILE_HOOKS]: {
      version: () => tenant.store.version,
      takeChangedUsers: () => takeChangedUsers(tenant),
      exportUser: (userId) => exportUserState(tenant, userId),
      attach({ commit, epoch }) {
        tenant.persistence.commit = commit
        tenant.persistence.epoch = epoch
      },
    },
    messages(userId) {
      const messages = controls.messages(userId)
      if (!messages) throw new TypeError(`No user '${userId}' in the fixture`)
      return messages
    },
    currentRecoveryCode(userId) {
      const user = tenant.store.users.get(userId)
      if (!user) throw new TypeError(`No user '${userId}' in the fixture`)
      return user.recoveryCode
    },
  }
}
