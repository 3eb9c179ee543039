import { describe, expect, it } from 'vitest'
import { enrolFactor } from '../../src/domain/factors.js'
import { resetMfa } from '../../src/domain/mfa-reset.js'
import { sendOobChallenge } from '../../src/domain/oob-challenges.js'
import { exportTenantState, importTenantState } from '../../src/domain/persistence.js'
import { regenerateRecoveryCode } from '../../src/domain/recovery-codes.js'
import { testTenant } from '../support/test-tenant.js'

const START = Date.UTC(2030, 0, 1)

const tenant = () => testTenant({ seed: 'mfa-reset', now: START })

describe('MFA reset and enrolment dates', () => {
  it('deletes every authenticator, the recovery code and pending challenges of a user', () => {
    const t = tenant()
    const bob = t.store.users.get('auth0|bob')
    if (!bob) throw new Error('no bob')
    const { authenticator } = enrolFactor(
      t,
      'auth0|bob',
      { kind: 'sms', phone_number: '+14155550123' },
      true,
    )
    sendOobChallenge(t, 'auth0|bob', authenticator)
    const oldId = bob.recoveryCodeId
    expect(resetMfa(t, 'auth0|bob')).toBe(true)
    expect(bob.authenticators).toEqual([])
    expect(bob.recoveryCode).toBeNull()
    expect(bob.recoveryCodeId).not.toBe(oldId)
    expect(bob.recoveryCodeCreatedAt).toBeUndefined()
    expect(t.store.challenges.size).toBe(0)
    expect(resetMfa(t, 'auth0|nobody')).toBe(false)
  })

  it('dates a new recovery code when a user gets one and keeps the date across rotations', () => {
    const t = tenant()
    const alice = t.store.users.get('auth0|alice')
    expect(alice?.recoveryCodeCreatedAt).toBe(START)
    expect(alice?.authenticators[0]?.createdAt).toBe(START)
    t.clock.advance(60_000)
    regenerateRecoveryCode(t, 'auth0|alice')
    expect(alice?.recoveryCodeCreatedAt).toBe(START)
    regenerateRecoveryCode(t, 'auth0|bob')
    expect(t.store.users.get('auth0|bob')?.recoveryCodeCreatedAt).toBe(START + 60_000)
  })

  it('keeps enrolment dates through an exported and imported state', () => {
    const t = tenant()
    t.clock.advance(5_000)
    enrolFactor(t, 'auth0|bob', { kind: 'totp' }, true)
    const state = exportTenantState(t)
    const other = tenant()
    importTenantState(other, JSON.parse(JSON.stringify(state)))
    const bob = other.store.users.get('auth0|bob')
    expect(bob?.authenticators[0]?.createdAt).toBe(START + 5_000)
    expect(bob?.recoveryCodeCreatedAt).toBe(START + 5_000)
  })
})
