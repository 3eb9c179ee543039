import { describe, expect, it } from 'vitest'
import { createAttemptLimiter } from '../../src/domain/attempt-limiter.js'
import { createClock } from '../../src/domain/clock.js'
import type { AttemptBucket } from '../../src/domain/store.js'
import { createEmulator } from '../../src/index.js'
import { createGenerators } from '../../src/tokens/generators.js'
import { createRandomBytes } from '../../src/tokens/random.js'
import { ALICE_CODE, RECOVERY_CODE_FORMAT } from '../support/requests.js'

describe('state', () => {
  it('freezes the clock at the start time and moves it only when told', () => {
    const clock = createClock(1000)
    expect(clock.now()).toBe(1000)
    expect(clock.advance(500)).toBe(1500)
    clock.set(new Date(5000))
    expect(clock.now()).toBe(5000)
    clock.reset()
    expect(clock.now()).toBe(1000)
  })

  it('follows real time plus the advanced offset', () => {
    let real = 10_000
    const clock = createClock(undefined, () => real)
    clock.advance(60_000)
    real += 5
    expect(clock.now()).toBe(70_005)
    expect(clock.frozen).toBe(false)
  })

  it('refills one attempt per interval up to the maximum', () => {
    let now = 0
    const buckets = new Map<string, AttemptBucket>()
    const limiter = createAttemptLimiter(
      { max_attempts: 3, refill_interval: 360 },
      buckets,
      () => now,
    )
    for (let i = 0; i < 3; i++) limiter.recordFailure('u')
    expect(limiter.exhausted('u')).toBe(true)
    now += 359_999
    expect(limiter.exhausted('u')).toBe(true)
    now += 1
    expect(limiter.remaining('u')).toBe(1)
    now += 10 * 360_000
    expect(limiter.remaining('u')).toBe(3)
    expect(limiter.remaining('someone-else')).toBe(3)
  })

  it('makes recovery codes in Auth0 format and authenticator ids in the 2026 shape', () => {
    const gen = createGenerators(createRandomBytes())
    const codes = new Set(Array.from({ length: 200 }, () => gen.recoveryCode()))
    expect(codes.size).toBe(200)
    for (const code of codes) expect(code).toMatch(RECOVERY_CODE_FORMAT)
    expect(gen.authenticatorId('totp')).toMatch(/^totp\|dev_[A-Za-z0-9]{16}$/)
  })

  it('repeats a seeded sequence', () => {
    const a = createGenerators(createRandomBytes('s'))
    const b = createGenerators(createRandomBytes('s'))
    expect([a.recoveryCode(), a.mfaToken(0, 1)]).toEqual([b.recoveryCode(), b.mfaToken(0, 1)])
  })

  it('keeps two emulators in one process apart', async () => {
    const one = createEmulator()
    const two = createEmulator()
    one.scenarios.enable('slow')
    one.clock.advance(60_000)
    const token = await one.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
    expect(two.scenarios.list()).toEqual([])
    expect(token).not.toBe(
      await two.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' }),
    )
    expect(two.clock.now()).toBeLessThan(one.clock.now())
  })

  it('refuses to mint an mfa_token for an unknown client with the known ones', async () => {
    await expect(
      createEmulator().issueMfaToken({ userId: 'auth0|alice', clientId: 'x' }),
    ).rejects.toThrow(
      "No client 'x' in the fixture; known clients: spa-client, regular-web-app, no-mfa-grant-app",
    )
  })

  it('reads the current recovery code and refuses an unknown user', () => {
    const emulator = createEmulator()
    expect(emulator.currentRecoveryCode('auth0|alice')).toBe(ALICE_CODE)
    expect(emulator.currentRecoveryCode('auth0|bob')).toBeNull()
    expect(() => emulator.currentRecoveryCode('auth0|zed')).toThrow(
      "No user 'auth0|zed' in the fixture",
    )
  })
})
