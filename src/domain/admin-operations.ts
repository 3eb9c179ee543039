import type { ScenarioName } from '../scenarios/names.js'
import { invalidRequest } from '../support/emulator-error.js'
import { type AuthenticatorView, listAuthenticators } from './authenticator-list.js'
import { clockTimeProblem } from './clock.js'
import { mintMfaToken } from './mfa-tokens.js'
import { createPushControls, type PushControls } from './push-controls.js'
import { recoveryCodesEnabled } from './recovery-codes.js'
import type { SentMessage } from './store.js'
import { resetTenant, type TenantContext } from './tenant.js'

/** Options of `emulator.issueMfaToken()`. */
export interface IssueMfaTokenOptions {
  userId: string
  clientId: string
  /** The scope the login asked for; the tenant's `default_scope` when omitted. */
  scope?: string
  audience?: string
}

/** A user's state as the control API shows it. */
export interface UserView {
  user_id: string
  email: string
  blocked: boolean
  mfa_required: boolean
  authenticators: AuthenticatorView[]
  recovery_code: string | null
  attempts_remaining: number | null
}

/** An unexpired mfa_token as the control API lists it. */
export interface MfaTokenView {
  mfa_token: string
  user_id: string
  client_id: string
  scope: string
  audience: string | null
  expires_at: string
  used: boolean
}

/** The operations shared by the library API and the control routes. */
export interface EmulatorControls {
  tenant(): Record<string, unknown>
  users(): UserView[]
  mfaTokens(): MfaTokenView[]
  reset(): void
  issueMfaToken(options: IssueMfaTokenOptions): Promise<string>
  user(userId: string): UserView | undefined
  messages(userId: string): SentMessage[] | undefined
  /** The virtual Guardian app. */
  push: PushControls
  /** The user's active recovery code, null without one, undefined for an unknown user. */
  recoveryCode(userId: string): string | null | undefined
  /** Replaces the runtime scenario toggles (a state-file change like any other). */
  setScenarios(names: readonly ScenarioName[]): void
  /** The emulator clock as the control API shows it. */
  clock(): ClockView
  /** Moves the clock by `ms`, or refuses (`400`) a time outside ±100 years of now. */
  advanceClock(ms: number, what: string): void
  /** Sets the clock to `at` (epoch ms), or refuses (`400`) a time outside ±100 years of now. */
  setClock(at: number, what: string): void
}

/** The emulator clock as the control API shows it. */
export interface ClockView {
  now: string
  now_ms: number
  frozen: boolean
}

function checkClock(target: number, what: string): void {
  const problem = clockTimeProblem(target, Date.now(), what)
  if (problem) throw invalidRequest(problem)
}

/** The operations over one tenant that the library API and the control routes share. */
export function createControls(tenant: TenantContext): EmulatorControls {
  return {
    push: createPushControls(tenant),
    reset: () => resetTenant(tenant),
    async issueMfaToken({ userId, clientId, scope, audience }) {
      if (!tenant.store.users.has(userId)) {
        throw invalidRequest(
          `No user '${userId}' in the fixture; known users: ${[...tenant.store.users.keys()].join(', ')}`,
        )
      }
      if (!tenant.store.clients.has(clientId)) {
        throw invalidRequest(
          `No client '${clientId}' in the fixture; known clients: ${[...tenant.store.clients.keys()].join(', ')}`,
        )
      }
      return mintMfaToken(tenant, {
        userId,
        clientId,
        scope: scope ?? tenant.fixture.tenant.default_scope,
        audience,
      })
    },
    tenant() {
      const { errors: _errors, signing_keys: _keys, ...settings } = tenant.fixture.tenant
      return {
        ...settings,
        clients: tenant.fixture.clients.map((c) => ({
          client_id: c.client_id,
          name: c.name ?? c.client_id,
          confidential:
            c.client_secret !== undefined || c.client_authentication_methods !== undefined,
          grant_types: c.grant_types,
          allowed_origins: c.allowed_origins,
        })),
      }
    },
    users() {
      return [...tenant.store.users.keys()].flatMap((id) => {
        const view = this.user(id)
        return view ? [view] : []
      })
    },
    mfaTokens() {
      const now = tenant.clock.now()
      return [...tenant.store.mfaTokens.values()]
        .filter((t) => t.expiresAt > now)
        .sort((a, b) => b.issuedAt - a.issuedAt)
        .map((t) => ({
          mfa_token: t.token,
          user_id: t.userId,
          client_id: t.clientId,
          scope: t.scope,
          audience: t.audience ?? null,
          expires_at: new Date(t.expiresAt).toISOString(),
          used: t.used,
        }))
    },
    messages(userId) {
      if (!tenant.store.users.has(userId)) return undefined
      return [...(tenant.store.messages.get(userId) ?? [])].reverse()
    },
    recoveryCode: (userId) => tenant.store.users.get(userId)?.recoveryCode,
    setScenarios: (names) => tenant.scenarios.set(names),
    clock() {
      const now = tenant.clock.now()
      return { now: new Date(now).toISOString(), now_ms: now, frozen: tenant.clock.frozen }
    },
    advanceClock(ms, what) {
      checkClock(tenant.clock.now() + ms, what)
      tenant.clock.advance(ms)
    },
    setClock(at, what) {
      checkClock(at, what)
      tenant.clock.set(at)
    },
    user(userId) {
      const user = tenant.store.users.get(userId)
      if (!user) return undefined
      return {
        user_id: userId,
        email: user.profile.email,
        blocked: user.blocked,
        mfa_required: user.mfaRequired,
        authenticators: listAuthenticators(tenant, user, recoveryCodesEnabled(tenant)),
        recovery_code: user.recoveryCode,
        attempts_remaining: tenant.limiter.remaining(userId),
      }
    },
  }
}
