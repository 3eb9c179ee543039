import { afterEach, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import {
  type EmulatorOptions,
  type FixtureInput,
  SCENARIO_NAMES,
  type ScenarioName,
} from '../../src/index.js'
import { BOTH_MODES, type Driver, inProcessDriver } from '../support/drivers.js'
import { ALICE_CODE, form, json, redeem } from '../support/requests.js'

const EFFECTS: [ScenarioName, number, string][] = [
  ['invalid-recovery-code', 403, 'Invalid recovery_code.'],
  ['expired-mfa-token', 403, 'mfa_token is expired'],
  ['malformed-mfa-token', 403, 'Malformed mfa_token'],
  ['recovery-codes-disabled', 403, 'Invalid recovery_code.'],
  ['too-many-attempts', 429, 'Too many failed attempts. Please try again later.'],
  [
    'unauthorized-client',
    403,
    "Grant type 'http://auth0.com/oauth/grant-type/mfa-recovery-code' not allowed for the client.",
  ],
  ['server-error', 500, 'Internal server error (scenario server-error)'],
  ['rate-limited', 429, 'Rate limit exceeded.'],
]

// Scenarios whose effect is not an error answer of the recovery-code grant, and where it is tested.
const TESTED_ELSEWHERE: Record<string, string> = {
  slow: 'below: the answer is delayed',
  'network-error': 'below: the connection fails',
  'mfa-required-on-refresh': 'contract table: refresh_token grants',
  'push-approved': 'contract table: push-cases.ts (the mfa-oob grant)',
  'push-rejected': 'contract table: push-cases.ts (the mfa-oob grant)',
}

type Surface = {
  name: string
  options?: (s: ScenarioName) => EmulatorOptions
  arrange?: (d: Driver, s: ScenarioName) => Promise<void> | void
  headers?: (s: ScenarioName) => Record<string, string>
}

const SURFACES: Surface[] = [
  { name: 'emulator.scenarios.enable()', arrange: (d, s) => d.emulator.scenarios.enable(s) },
  {
    name: 'the fixture',
    options: (s) => ({ fixtures: { ...(defaultJson as FixtureInput), scenarios: [s] } }),
  },
  { name: 'the start-up option the CLI sets', options: (s) => ({ scenarios: [s] }) },
  {
    name: 'PUT /__emulator/scenarios',
    arrange: async (d, s) => {
      const res = await d.fetch('/__emulator/scenarios', {
        ...json({ enabled: [s] }),
        method: 'PUT',
      })
      expect(res.status).toBe(200)
    },
  },
  {
    name: 'the Auth0-Emulator-Scenario header',
    headers: (s) => ({ 'Auth0-Emulator-Scenario': s }),
  },
]

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

async function redeemAlice(d: Driver, headers: Record<string, string> = {}) {
  const res = await d.fetch('/oauth/token', form(redeem('mfa-token-alice', ALICE_CODE), headers))
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe.each(BOTH_MODES)('scenarios (%s)', (_mode, factory) => {
  for (const surface of SURFACES) {
    it.each(EFFECTS)(`applies %s from ${surface.name}`, async (scenario, status, description) => {
      driver = await factory(surface.options?.(scenario) ?? {})
      await surface.arrange?.(driver, scenario)
      const result = await redeemAlice(driver, surface.headers?.(scenario) ?? {})
      expect(result.status).toBe(status)
      expect(result.body.error_description).toBe(description)
    })
  }

  it('limits the header to its own request', async () => {
    driver = await factory()
    expect(
      (await redeemAlice(driver, { 'Auth0-Emulator-Scenario': 'expired-mfa-token' })).status,
    ).toBe(403)
    expect(driver.emulator.scenarios.list()).toEqual([])
    expect((await redeemAlice(driver)).status).toBe(200)
  })

  it('switches a toggle off after `times` uses', async () => {
    driver = await factory()
    driver.emulator.scenarios.enable('invalid-recovery-code', { times: 1 })
    expect((await redeemAlice(driver)).status).toBe(403)
    expect(driver.emulator.scenarios.list()).toEqual([])
    expect((await redeemAlice(driver)).status).toBe(200)
  })

  it('disables a fixture scenario at runtime and restores it on reset', async () => {
    driver = await factory({
      fixtures: { ...(defaultJson as FixtureInput), scenarios: ['expired-mfa-token'] },
    })
    driver.emulator.scenarios.disable('expired-mfa-token')
    expect((await redeemAlice(driver)).status).toBe(200)
    driver.emulator.reset()
    expect(driver.emulator.scenarios.list()).toEqual(['expired-mfa-token'])
  })

  it('fails the connection with network-error', async () => {
    driver = await factory()
    driver.emulator.scenarios.enable('network-error', { times: 1 })
    await expect(redeemAlice(driver)).rejects.toThrow(TypeError)
    expect((await redeemAlice(driver)).status).toBe(200)
  })

  it('delays responses with slow and still answers', async () => {
    driver = await factory()
    driver.emulator.scenarios.enable('slow', { delayMs: 50 })
    const started = performance.now()
    expect((await redeemAlice(driver)).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(45)
  })

  it('applies unauthorized-client to the password grant too', async () => {
    driver = await factory({ scenarios: ['unauthorized-client'] })
    const res = await driver.fetch(
      '/oauth/token',
      form({
        grant_type: 'password',
        username: 'carol@example.com',
        password: 'Passw0rd!',
        client_id: 'spa-client',
      }),
    )
    expect(await res.text()).toBe(
      `{"error":"unauthorized_client","error_description":"Grant type 'password' not allowed for the client."}`,
    )
  })

  it('refuses an unknown scenario through the control API with the known names', async () => {
    driver = await factory()
    const res = await driver.fetch('/__emulator/scenarios', {
      ...json({ enabled: ['flaky'] }),
      method: 'PUT',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description: expect.stringMatching(
        /^Unknown scenario 'flaky'\. Known scenarios: invalid-recovery-code, /,
      ),
    })
    expect(driver.emulator.scenarios.list()).toEqual([])
  })
})

describe('scenario controls', () => {
  it('tests every scenario the code knows, here or where TESTED_ELSEWHERE says', () => {
    const covered = [...EFFECTS.map(([name]) => name), ...Object.keys(TESTED_ELSEWHERE)]
    expect([...covered].sort()).toEqual([...SCENARIO_NAMES].sort())
  })

  it('refuses an unknown name and a bad `times` in code', () => {
    driver = inProcessDriver()
    expect(() => driver?.emulator.scenarios.enable('flaky' as ScenarioName)).toThrow(
      /^Unknown scenario 'flaky'/,
    )
    expect(() => driver?.emulator.scenarios.enable('slow', { times: 0 })).toThrow(
      /positive integer/,
    )
  })
})
