import { afterEach, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import type { FixtureInput } from '../../src/index.js'
import { type Driver, inProcessDriver } from '../support/drivers.js'
import { ALICE_CODE, form, loginForMfaToken, redeem } from '../support/requests.js'

const base = defaultJson as FixtureInput
const tenant = (overrides: FixtureInput['tenant']): FixtureInput => ({
  ...base,
  tenant: { ...base.tenant, ...overrides },
})

let driver: Driver | undefined
afterEach(() => driver?.close())

async function answer(d: Driver, body: Record<string, string>) {
  const res = await d.fetch('/oauth/token', form(body))
  return { status: res.status, text: await res.text() }
}

describe('fixture overrides of best-guess behaviour', () => {
  it('replaces an error body from tenant.errors', async () => {
    driver = inProcessDriver({
      fixtures: tenant({
        errors: {
          invalid_recovery_code: { status: 401, error_description: 'Wrong recovery code' },
        },
      }),
    })
    expect(await answer(driver, redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA'))).toEqual({
      status: 401,
      text: '{"error":"invalid_grant","error_description":"Wrong recovery code"}',
    })
  })

  it('expires mfa_tokens after tenant.mfa_token_lifetime seconds', async () => {
    driver = inProcessDriver({
      fixtures: tenant({ mfa_token_lifetime: 300 }),
      now: Date.UTC(2030, 0, 1),
    })
    const early = await loginForMfaToken(driver)
    driver.emulator.clock.advance(299_999)
    expect((await answer(driver, redeem(early, ALICE_CODE))).status).toBe(200)
    const late = await loginForMfaToken(driver)
    driver.emulator.clock.advance(300_000)
    expect((await answer(driver, redeem(late, 'AAAAAAAAAAAAAAAAAAAAAAAA'))).text).toBe(
      '{"error":"expired_token","error_description":"mfa_token is expired"}',
    )
  })

  it('lets an mfa_token complete several grants with mfa_token_reuse.token_grants until-expiry', async () => {
    driver = inProcessDriver({
      fixtures: tenant({ mfa_token_reuse: { token_grants: 'until-expiry' } }),
    })
    expect((await answer(driver, redeem('mfa-token-alice', ALICE_CODE))).status).toBe(200)
    const next = driver.emulator.currentRecoveryCode('auth0|alice') ?? ''
    expect((await answer(driver, redeem('mfa-token-alice', next))).status).toBe(200)
  })

  it('ignores case and spaces with recovery_code_matching ignore-case-and-spaces', async () => {
    driver = inProcessDriver({
      fixtures: tenant({ recovery_code_matching: 'ignore-case-and-spaces' }),
    })
    const typed = 'k6lg lv3r sh3v ermk et8l 7qku'
    expect((await answer(driver, redeem('mfa-token-alice', typed))).status).toBe(200)
  })

  it('never limits attempts with attempt_limit false', async () => {
    driver = inProcessDriver({ fixtures: tenant({ attempt_limit: false }) })
    for (let i = 0; i < 15; i++) {
      expect(
        (await answer(driver, redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA'))).status,
      ).toBe(403)
    }
    expect((await answer(driver, redeem('mfa-token-alice', ALICE_CODE))).status).toBe(200)
  })

  it('uses a custom attempt_limit', async () => {
    driver = inProcessDriver({
      fixtures: tenant({ attempt_limit: { max_attempts: 2, refill_interval: 60 } }),
    })
    for (let i = 0; i < 2; i++)
      await answer(driver, redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA'))
    expect((await answer(driver, redeem('mfa-token-alice', ALICE_CODE))).status).toBe(429)
    driver.emulator.clock.advance(60_000)
    expect((await answer(driver, redeem('mfa-token-alice', ALICE_CODE))).status).toBe(200)
  })

  it('does not spend attempts on a successful redemption', async () => {
    driver = inProcessDriver({
      fixtures: tenant({ attempt_limit: { max_attempts: 1, refill_interval: 60 } }),
    })
    expect((await answer(driver, redeem('mfa-token-alice', ALICE_CODE))).status).toBe(200)
    const token = await loginForMfaToken(driver)
    expect(
      (
        await answer(
          driver,
          redeem(token, driver.emulator.currentRecoveryCode('auth0|alice') ?? ''),
        )
      ).status,
    ).toBe(200)
  })
})
