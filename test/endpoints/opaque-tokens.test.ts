import { afterEach, describe, expect, it } from 'vitest'
import { BOTH_MODES, type Driver } from '../support/drivers.js'
import { IRON_SEAL } from '../support/iron-seal.js'
import { form, json, loginForMfaToken, redeem } from '../support/requests.js'

const NOW = Date.UTC(2030, 0, 1, 8)

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

describe.each(BOTH_MODES)('opaque tokens (%s)', (_mode, factory) => {
  it("answers a password login with an mfa_token shaped like Auth0's, expiring with the token", async () => {
    driver = await factory({ now: NOW })
    const token = await loginForMfaToken(driver)
    expect(token).toMatch(IRON_SEAL)
    expect(token).toHaveLength(1986)
    expect(token.split('*')[5]).toBe(String(NOW + 600_000))
    const issued = await driver.emulator.issueMfaToken({
      userId: 'auth0|alice',
      clientId: 'spa-client',
    })
    expect(issued).toMatch(IRON_SEAL)
  })

  it('repeats mfa_tokens for the same seed and clock, and after a reset', async () => {
    driver = await factory({ now: NOW, seed: 'sealed' })
    const first = await loginForMfaToken(driver)
    driver.emulator.reset()
    expect(await loginForMfaToken(driver)).toBe(first)
    await driver.close()
    driver = await factory({ now: NOW, seed: 'sealed' })
    expect(await loginForMfaToken(driver)).toBe(first)
  })

  it('redeems a minted mfa_token by looking it up, and refuses one with a changed middle', async () => {
    driver = await factory()
    const token = await loginForMfaToken(driver)
    const parts = token.split('*')
    parts[4] = `${parts[4]?.slice(0, -1)}${parts[4]?.endsWith('A') ? 'B' : 'A'}`
    const tampered = await driver.fetch('/oauth/token', form(redeem(parts.join('*'), 'x')))
    expect(await tampered.text()).toBe(
      '{"error":"invalid_grant","error_description":"Malformed mfa_token"}',
    )
  })

  it('answers an SMS enrolment with an oob_code in the same shape, 578 to 620 characters', async () => {
    driver = await factory()
    const mfaToken = await driver.emulator.issueMfaToken({
      userId: 'auth0|bob',
      clientId: 'spa-client',
    })
    const res = await driver.fetch('/mfa/associate', {
      ...json({
        authenticator_types: ['oob'],
        oob_channels: ['sms'],
        phone_number: '+14155550123',
      }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mfaToken}` },
    })
    const body = (await res.json()) as { oob_code: string }
    expect(body.oob_code).toMatch(IRON_SEAL)
    expect(body.oob_code.length).toBeGreaterThanOrEqual(578)
    expect(body.oob_code.length).toBeLessThanOrEqual(620)
  })
})
