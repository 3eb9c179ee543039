import { afterEach, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import type { FixtureInput } from '../../src/index.js'
import { BOTH_MODES, type Driver, inProcessDriver } from '../support/drivers.js'
import { ALICE_CODE, form, redeem } from '../support/requests.js'

const tenant = (overrides: FixtureInput['tenant']): FixtureInput => ({
  ...(defaultJson as FixtureInput),
  tenant: { ...(defaultJson.tenant as FixtureInput['tenant']), ...overrides },
})

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

async function redeemAlice(d: Driver) {
  const res = await d.fetch('/oauth/token', form(redeem('mfa-token-alice', ALICE_CODE)))
  return {
    status: res.status,
    text: await res.text(),
    limit: res.headers.get('x-ratelimit-limit'),
    remaining: res.headers.get('x-ratelimit-remaining'),
    retryAfter: res.headers.get('retry-after'),
  }
}

describe.each(BOTH_MODES)('rate limiting (%s)', (_mode, factory) => {
  it('answers the next N requests 429 with rate-limited { times: N }, then the bucket again', async () => {
    driver = await factory()
    driver.emulator.scenarios.enable('rate-limited', { times: 2 })
    expect((await redeemAlice(driver)).status).toBe(429)
    expect(driver.emulator.scenarios.list()).toEqual(['rate-limited'])
    expect((await redeemAlice(driver)).status).toBe(429)
    expect(driver.emulator.scenarios.list()).toEqual([])
    const after = await redeemAlice(driver)
    expect(after).toMatchObject({ status: 200, limit: '1000000', remaining: '999999' })
  })

  it('starts with a full bucket after reset', async () => {
    driver = await factory({ fixtures: tenant({ rate_limit: { limit: 1, refill_per_second: 1 } }) })
    const frozen = driver.emulator.clock.now()
    driver.emulator.clock.set(frozen)
    expect((await redeemAlice(driver)).status).toBe(200)
    expect((await redeemAlice(driver)).status).toBe(429)
    driver.emulator.reset()
    expect((await redeemAlice(driver)).status).toBe(200)
  })
})

describe('rate limiting, configured per tenant', () => {
  it('replaces the 429 body from tenant.errors, keeping Retry-After', async () => {
    driver = inProcessDriver({
      fixtures: tenant({
        errors: {
          rate_limit_exceeded: {
            error: 'access_denied',
            error_description: 'Global rate limit exceeded',
          },
        },
      }),
    })
    driver.emulator.scenarios.enable('rate-limited')
    expect(await redeemAlice(driver)).toMatchObject({
      status: 429,
      text: '{"error":"access_denied","error_description":"Global rate limit exceeded"}',
      retryAfter: '1',
    })
  })

  it('sends no rate-limit headers with rate_limit false, and still honours the scenario', async () => {
    driver = inProcessDriver({ fixtures: tenant({ rate_limit: false }) })
    expect(await redeemAlice(driver)).toMatchObject({
      status: 200,
      limit: null,
      remaining: null,
      retryAfter: null,
    })
    driver.emulator.scenarios.enable('rate-limited', { times: 1 })
    expect(await redeemAlice(driver)).toMatchObject({ status: 429, limit: null, retryAfter: '1' })
  })
})
