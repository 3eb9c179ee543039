import type { ClientFixture, Fixture, UserFixture } from '../config/schema.js'
import type { DeepReadonly } from '../support/deep-readonly.js'
import type { Generators } from '../tokens/generators.js'
import type { OpaqueAccessToken } from './access-tokens.js'
import { type LimitCounters, zeroCounters } from './limits.js'
import type { TenantContext } from './tenant.js'

/** Authenticator kinds as they appear in ids (`totp|dev_…`). */
export type AuthenticatorKind = 'totp' | 'sms' | 'voice' | 'email' | 'push'

/** One enrolled factor of a user. */
export interface AuthenticatorState {
  id: string
  kind: AuthenticatorKind
  active: boolean
  secret?: string
  phone_number?: string
  email?: string
  /** When it was enrolled (emulator clock, ms), shown as `created_at` by the Management API. */
  createdAt?: number
}

/** A user's mutable MFA state; the profile stays as the fixture wrote it. */
export interface UserState {
  profile: UserFixture
  blocked: boolean
  mfaRequired: boolean
  authenticators: AuthenticatorState[]
  /** The one active recovery code, or null when the user has none. */
  recoveryCode: string | null
  /** The id of the user's recovery-code authenticator (`recovery-code|dev_…`). */
  recoveryCodeId: string
  /** When the user got a recovery code after having none (emulator clock, ms). */
  recoveryCodeCreatedAt?: number
}

/** An out-of-band challenge waiting for its binding code (SMS, voice or email). */
export interface OobChallengeState {
  oobCode: string
  userId: string
  authenticatorId: string
  bindingCode: string
  expiresAt: number
}

/** A Guardian push waiting for the virtual phone, or answered by it. */
export interface PushState {
  /** The short id the control API and the inspector name it by. */
  id: string
  oobCode: string
  userId: string
  authenticatorId: string
  /** An enrolment (from `/mfa/associate`) or a challenge (from `/mfa/challenge`). */
  purpose: 'enrolment' | 'challenge'
  status: 'pending' | 'approved' | 'rejected'
  createdAt: number
  expiresAt: number
  /** When the mfa-oob grant last polled it while pending (emulator clock, ms). */
  polledAt?: number
}

/** A message the emulator "sent" to a user: an SMS, voice call or email with a code. */
export interface SentMessage {
  channel: 'sms' | 'voice' | 'email'
  to: string
  binding_code: string
  sent_at: string
}

/** What an mfa_token is bound to. */
export interface MfaTokenState {
  token: string
  userId: string
  clientId: string
  scope: string
  audience: string | undefined
  issuedAt: number
  expiresAt: number
  /** Set once a token grant succeeded with it. */
  used: boolean
}

/** A refresh token issued on a successful grant. */
export interface RefreshTokenState {
  userId: string
  clientId: string
  scope: string
  audience: string | undefined
  /** The first refresh token of the login; every rotation of it shares this family. */
  family: string
}

/** A refresh token replaced by rotation, kept so that presenting it again revokes its family. */
export interface RotatedRefreshToken {
  clientId: string
  family: string
}

/** The leaky bucket of failed recovery-code attempts of one user. */
export interface AttemptBucket {
  available: number
  updatedAt: number
}

/** What the layers above `domain/` see of a user: nothing they can write through. */
export type UserView = DeepReadonly<UserState>

/** All mutable state of one emulator; rebuilt from the fixture on reset. */
export interface Store {
  clients: ReadonlyMap<string, ClientFixture>
  users: Map<string, UserState>
  mfaTokens: Map<string, MfaTokenState>
  refreshTokens: Map<string, RefreshTokenState>
  /** Refresh tokens already rotated, oldest first. */
  rotatedRefreshTokens: Map<string, RotatedRefreshToken>
  /** Client assertions seen (`client_id` NUL `jti`), to when each expires (ms). */
  clientAssertions: Map<string, number>
  /** Opaque access tokens, oldest first. */
  accessTokens: Map<string, OpaqueAccessToken>
  /** The signatures of the Management API tokens this tenant issued, oldest first, with expiry. */
  managementTokens: Map<string, { expiresAt: number }>
  attempts: Map<string, AttemptBucket>
  challenges: Map<string, OobChallengeState>
  /** Guardian pushes by oob_code, oldest first. */
  pushes: Map<string, PushState>
  /** Refresh tokens of each user and client, oldest first, to cap them. */
  refreshTokensByGrant: Map<string, string[]>
  /** New entries since the last sweep of expired state. */
  writesSinceSweep: number
  /** Entries dropped (or refused) to stay within each per-tenant limit. */
  evicted: LimitCounters
  /** Each user's `picture` claim, once worked out. */
  pictures: Map<string, string>
  /** Moves on with every change of the state a state file keeps. */
  version: number
  /** Users whose kept state changed since it was last written. */
  dirtyUsers: Set<string>
  /** Newest last, per user. */
  messages: Map<string, SentMessage[]>
}

/** The user with this `user_id`, as a read-only view. */
export function findUser(tenant: TenantContext, userId: string): UserView | undefined {
  return tenant.store.users.get(userId)
}

/** The user whose email or username (both case-insensitively) or user_id is `username`. */
export function findUserByLogin(tenant: TenantContext, username: string): UserView | undefined {
  const wanted = username.toLowerCase()
  for (const user of tenant.store.users.values()) {
    const { email, user_id, username: name } = user.profile
    if (email.toLowerCase() === wanted || name?.toLowerCase() === wanted || user_id === username) {
      return user
    }
  }
  return undefined
}

/** The fixture's client with this `client_id` (configuration the emulator never changes). */
export function findClient(
  tenant: TenantContext,
  clientId: string,
): Readonly<ClientFixture> | undefined {
  return tenant.store.clients.get(clientId)
}

/** An empty store for `clients`, to be filled by `resetStore`. */
export function createStore(fixture: Fixture, now: number, gen: Generators): Store {
  const store: Store = {
    clients: new Map(fixture.clients.map((c) => [c.client_id, c])),
    users: new Map(),
    mfaTokens: new Map(),
    refreshTokens: new Map(),
    rotatedRefreshTokens: new Map(),
    clientAssertions: new Map(),
    accessTokens: new Map(),
    managementTokens: new Map(),
    attempts: new Map(),
    challenges: new Map(),
    pushes: new Map(),
    refreshTokensByGrant: new Map(),
    writesSinceSweep: 0,
    evicted: zeroCounters(),
    pictures: new Map(),
    version: 0,
    dirtyUsers: new Set(),
    messages: new Map(),
  }
  resetStore(store, fixture, now, gen)
  return store
}

/**
 * Puts the store back to what the fixture describes, in place (every holder of the store sees
 * the reset), with `now` as the start of every relative expiry.
 */
export function resetStore(store: Store, fixture: Fixture, now: number, gen: Generators): void {
  store.users.clear()
  store.mfaTokens.clear()
  store.refreshTokens.clear()
  store.rotatedRefreshTokens.clear()
  store.clientAssertions.clear()
  store.accessTokens.clear()
  store.managementTokens.clear()
  store.attempts.clear()
  store.challenges.clear()
  store.pushes.clear()
  store.refreshTokensByGrant.clear()
  store.messages.clear()
  store.pictures.clear()
  store.writesSinceSweep = 0
  store.evicted = zeroCounters()
  store.version += 1
  store.dirtyUsers.clear()
  for (const profile of fixture.users) {
    store.dirtyUsers.add(profile.user_id)
    store.users.set(profile.user_id, {
      profile,
      blocked: profile.blocked,
      mfaRequired: profile.mfa_required,
      authenticators: profile.authenticators.map((a) => ({
        id: a.id ?? gen.authenticatorId(a.type),
        kind: a.type,
        active: a.active,
        ...(a.secret === undefined ? {} : { secret: a.secret }),
        ...(a.phone_number === undefined ? {} : { phone_number: a.phone_number }),
        ...(a.email === undefined ? {} : { email: a.email }),
        createdAt: now,
      })),
      recoveryCode: profile.recovery_code,
      recoveryCodeId: gen.authenticatorId('recovery-code'),
      ...(profile.recovery_code === null ? {} : { recoveryCodeCreatedAt: now }),
    })
  }
  for (const t of fixture.mfa_tokens) {
    store.mfaTokens.set(t.mfa_token, {
      token: t.mfa_token,
      userId: t.user_id,
      clientId: t.client_id,
      scope: t.scope ?? fixture.tenant.default_scope,
      audience: t.audience,
      issuedAt: now,
      expiresAt: now + (t.expires_in ?? fixture.tenant.mfa_token_lifetime) * 1000,
      used: false,
    })
  }
}
