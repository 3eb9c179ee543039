import { afterEach, describe, expect, it } from 'vitest'
import { currentTotp } from '../../src/tokens/totp.js'
import { BOTH_MODES, type Driver } from '../support/drivers.js'
import { ALICE_CODE, form, redeem } from '../support/requests.js'

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

async function statuses(requests: Promise<Response>[]) {
  const responses = await Promise.all(requests)
  await Promise.all(responses.map((r) => r.arrayBuffer()))
  return responses.map((r) => r.status)
}

const count = (list: number[], status: number) => list.filter((s) => s === status).length

describe.each(BOTH_MODES)('redeeming exactly once (%s)', (_mode, factory) => {
  it('lets exactly one of 50 parallel redemptions of one code on one mfa_token succeed', async () => {
    driver = await factory()
    const d = driver
    const results = await statuses(
      Array.from({ length: 50 }, () =>
        d.fetch('/oauth/token', form(redeem('mfa-token-alice', ALICE_CODE))),
      ),
    )
    expect(count(results, 200)).toBe(1)
    expect(count(results, 403)).toBe(49)
  })

  it('lets exactly one of 50 parallel redemptions of one code on 50 mfa_tokens succeed', async () => {
    driver = await factory({ seed: 'race' })
    const d = driver
    const tokens = await Promise.all(
      Array.from({ length: 50 }, () =>
        d.emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' }),
      ),
    )
    const results = await statuses(
      tokens.map((t) => d.fetch('/oauth/token', form(redeem(t, ALICE_CODE)))),
    )
    expect(count(results, 200)).toBe(1)
    expect(results.filter((s) => s !== 200).every((s) => s === 403 || s === 429)).toBe(true)
  })

  it('lets a single-use mfa_token complete exactly one of 50 parallel OTP grants', async () => {
    driver = await factory({ now: Date.UTC(2030, 0, 1) })
    const d = driver
    const otp = currentTotp('A7CML4VD2JZFRMMTAAJQN6XH7YVXL4XE', d.emulator.clock.now())
    const body = {
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
      client_id: 'spa-client',
      mfa_token: 'mfa-token-alice',
      otp,
    }
    const results = await statuses(
      Array.from({ length: 50 }, () => d.fetch('/oauth/token', form(body))),
    )
    expect(count(results, 200)).toBe(1)
    expect(count(results, 403)).toBe(49)
  })
})
