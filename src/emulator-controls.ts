import type { Core } from './core.js'
import { mintMfaToken } from './grants/mfa-token.js'
import { type AuthenticatorView, listAuthenticators } from './state/authenticators.js'
import type { SentMessage } from './state/store.js'

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

/** The operations shared by the library API and the control routes. */
export interface EmulatorControls {
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
