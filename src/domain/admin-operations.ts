import { type AuthenticatorView, listAuthenticators } from './factors.js'
import { mintMfaToken } from './mfa-tokens.js'
import type { SentMessage } from './store.js'
import type { Core } from './tenant.js'

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
}

/** The operations over one core; `rebuild` restores the fixture's state. */
export function createControls(core: Core, rebuild: () => void): EmulatorControls {
  return {
    reset: rebuild,
    async issueMfaToken({ userId, clientId, scope, audience }) {
      if (!core.store.users.has(userId)) {
        throw new TypeError(
          `No user '${userId}' in the fixture; known users: ${[...core.store.users.keys()].join(', ')}`,
        )
      }
      if (!core.store.clients.has(clientId)) {
        throw new TypeError(
          `No client '${clientId}' in the fixture; known clients: ${[...core.store.clients.keys()].join(', ')}`,
        )
      }
      return mintMfaToken(core, {
        userId,
        clientId,
        scope: scope ?? core.fixture.tenant.default_scope,
        audience,
      })
    },
    tenant() {
      const { errors: _errors, signing_keys: _keys, ...settings } = core.fixture.tenant
      return {
        ...settings,
        clients: core.fixture.clients.map((c) => ({
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
      return [...core.store.users.keys()].flatMap((id) => {
        const view = this.user(id)
        return view ? [view] : []
      })
    },
    mfaTokens() {
      const now = core.clock.now()
      return [...core.store.mfaTokens.values()]
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
      if (!core.store.users.has(userId)) return undefined
      return [...(core.store.messages.get(userId) ?? [])].reverse()
    },
    user(userId) {
      const user = core.store.users.get(userId)
      if (!user) return undefined
      return {
        user_id: userId,
        email: user.profile.email,
        blocked: user.blocked,
        mfa_required: user.mfaRequired,
        authenticators: listAuthenticators(core, user),
        recovery_code: user.recoveryCode,
        attempts_remaining: core.limiter.remaining(userId),
      }
    },
  }
}
