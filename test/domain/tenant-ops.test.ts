import { describe, expect, it } from 'vitest'
import { defaultFixture } from '../../src/config/default-fixture.js'
import { OAuthError } from '../../src/contract/oauth-error.js'
import { listAuthenticators } from '../../src/domain/authenticator-list.js'
import { enrolFactor } from '../../src/domain/factors.js'
import { burnMfaToken, mintMfaToken, resolveMfaToken } from '../../src/domain/mfa-tokens.js'
import { recoveryCodesEnabled, redeemRecoveryCode } from '../../src/domain/recovery-codes.js'
import { resetTenant } from '../../src/domain/tenant.js'
import { testTenant } from '../support/test-tenant.js'

const ALICE = 'auth0|alice'
const ALICE_CODE = 'K6LGLV3RSH3VERMKET8L7QKU'

const tenant = testTenant

const reason = (fn: () => unknown) => {
  try {
    fn()
  } catch (err) {
    return err instanceof OAuthError ? err.key : String(err)
  }
  return 'no error'
}

const use = { forTokenGrant: true, malformed: false, expired: false }

describe('domain operations', () => {
  it('redeems a recovery code once and replaces it with a new one', () => {
    const t = tenant()
    const next = redeemRecoveryCode(t, ALICE, ALICE_CODE)
    expect(next).toMatch(/^[1-9A-HJ-NP-Z]{24}$/)
    expect(next).not.toBe(ALICE_CODE)
    expect(t.store.users.get(ALICE)?.recoveryCode).toBe(next)
    expect(reason(() => redeemRecoveryCode(t, ALICE, ALICE_CODE))).toBe('invalid_recovery_code')
  })

  it('lets exactly one of many concurrent redemptions of a code succeed', async () => {
    const t = tenant()
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, async () => redeemRecoveryCode(t, ALICE, ALICE_CODE)),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  })

  it('counts a wrong code against the attempt limit', () => {
    const t = tenant()
    expect(t.limiter.remaining(ALICE)).toBe(10)
    expect(reason(() => redeemRecoveryCode(t, ALICE, 'AAAAAAAAAAAAAAAAAAAAAAAA'))).toBe(
      'invalid_recovery_code',
    )
    expect(t.limiter.remaining(ALICE)).toBe(9)
    expect(t.store.users.get(ALICE)?.recoveryCode).toBe(ALICE_CODE)
  })

  it('resets in place, so a reference held before the reset sees the fixture again', () => {
    const t = tenant()
    const { store } = t
    redeemRecoveryCode(t, ALICE, ALICE_CODE)
    mintMfaToken(t, { userId: ALICE, clientId: 'spa-client', scope: 'openid', audience: undefined })
    resetTenant(t)
    expect(store).toBe(t.store)
    expect(store.users.get(ALICE)?.recoveryCode).toBe(ALICE_CODE)
    expect([...store.mfaTokens.keys()]).toEqual([
      'mfa-token-alice',
      'mfa-token-alice-expired',
      'mfa-token-alice-web',
    ])
  })

  it('repeats seeded values after a reset', () => {
    const t = tenant()
    const first = redeemRecoveryCode(t, ALICE, ALICE_CODE)
    resetTenant(t)
    expect(redeemRecoveryCode(t, ALICE, ALICE_CODE)).toBe(first)
  })

  it('burns an mfa_token for token grants, leaving it readable for the MFA API', () => {
    const t = tenant()
    burnMfaToken(t, 'mfa-token-alice')
    expect(reason(() => resolveMfaToken(t, 'mfa-token-alice', use))).toBe('used_mfa_token')
    expect(
      resolveMfaToken(t, 'mfa-token-alice', { ...use, forTokenGrant: false }).user.profile.user_id,
    ).toBe(ALICE)
  })

  it('evicts the oldest mfa_tokens past the cap, which then answer as malformed', () => {
    const t = tenant({ limits: { maxMfaTokens: 5 } })
    const minted = Array.from({ length: 4 }, () =>
      mintMfaToken(t, { userId: ALICE, clientId: 'spa-client', scope: '', audience: undefined }),
    )
    expect(t.store.mfaTokens.size).toBe(5)
    expect(t.store.evicted.maxMfaTokens).toBe(2)
    expect(reason(() => resolveMfaToken(t, 'mfa-token-alice', use))).toBe('malformed_mfa_token')
    expect(resolveMfaToken(t, minted[3] ?? '', use).user.profile.user_id).toBe(ALICE)
  })

  it('hands out a recovery code only on a first enrolment with recovery codes on', () => {
    const t = tenant()
    const off = enrolFactor(t, 'auth0|bob', { kind: 'totp' }, false)
    expect(off.recoveryCode).toBeUndefined()
    expect(t.store.users.get('auth0|bob')?.recoveryCode).toBeNull()
    const on = enrolFactor(t, 'auth0|carol', { kind: 'totp' }, true)
    expect(on.recoveryCode).toMatch(/^[1-9A-HJ-NP-Z]{24}$/)
    const second = enrolFactor(t, 'auth0|carol', { kind: 'push' }, true)
    expect(second.recoveryCode).toBeUndefined()
    const carol = t.store.users.get('auth0|carol')
    expect(carol?.recoveryCode).toBe(on.recoveryCode)
    expect(carol?.authenticators.map((a) => a.id)).toEqual([
      on.authenticator.id,
      second.authenticator.id,
    ])
  })

  it('keeps pending enrolments until the tenant lifetime, then drops them', () => {
    const fixture = defaultFixture()
    const t = tenant(
      {},
      {
        ...fixture,
        tenant: { ...fixture.tenant, pending_enrolments: { lifetime: 60, on_confirm: 'keep' } },
      },
    )
    const first = enrolFactor(t, 'auth0|bob', { kind: 'totp' }, true)
    t.clock.advance(61_000)
    const bob = t.store.users.get('auth0|bob')
    if (!bob) throw new Error('no bob')
    expect(listAuthenticators(t, bob, true).map((a) => a.id)).toEqual([bob.recoveryCodeId])
    const second = enrolFactor(t, 'auth0|bob', { kind: 'totp' }, true)
    expect(bob.authenticators.map((a) => a.id)).toEqual([second.authenticator.id])
    expect(second.recoveryCode).toBeDefined()
    expect(first.authenticator.id).not.toBe(second.authenticator.id)
  })

  it('lists the recovery-code authenticator only when recovery codes are on', () => {
    const t = tenant()
    const alice = t.store.users.get(ALICE)
    if (!alice) throw new Error('no alice')
    const off = t.scenarios.forRequest('recovery-codes-disabled')
    expect(listAuthenticators(t, alice, recoveryCodesEnabled(t))[0]?.type).toBe('recovery-code')
    expect(listAuthenticators(t, alice, recoveryCodesEnabled(t, off)).map((a) => a.type)).toEqual([
      'otp',
    ])
    expect(off.applied()).toEqual(['recovery-codes-disabled'])
  })

  it('refuses clock changes it cannot represent and leaves the time as it was', () => {
    const t = tenant()
    const before = t.clock.now()
    expect(() => t.clock.advance(1e308)).toThrow(RangeError)
    expect(() => t.clock.advance(Number.NaN)).toThrow(/finite number of milliseconds/)
    expect(() => t.clock.set(9e15)).toThrow(/outside ±100 years of now/)
    expect(t.clock.now()).toBe(before)
    expect(t.clock.advance(60_000)).toBe(before + 60_000)
  })
})
