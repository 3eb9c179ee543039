import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { Driver, DriverFactory } from '../../support/drivers.js'
import { AROUND_CONTRACT } from './around-cases.js'
import { CONTRACT, type ContractCase, expectedHeaders, SCENARIO_CONTRACT } from './cases.js'
import { ENROLMENT_CONTRACT } from './enrolment-cases.js'
import { LOGIN_CONTRACT } from './login-cases.js'
import { LOGOUT_CONTRACT } from './logout-cases.js'
import { MANAGEMENT_CONTRACT } from './management-cases.js'
import { MANAGEMENT_READ_CONTRACT } from './management-read-cases.js'
import { MANAGEMENT_TOKEN_CONTRACT } from './management-token-cases.js'
import { MFA_CONTRACT } from './mfa-cases.js'
import { PUSH_CONTRACT } from './push-cases.js'
import { RATE_LIMIT_CONTRACT } from './rate-limit-cases.js'

async function check(driver: Driver, c: ContractCase) {
  const vars = (await c.arrange?.(driver)) ?? {}
  const { path = '/oauth/token', init } = c.request(vars)
  const res = await driver.fetch(path, init)
  const text = await res.text()
  expect({ status: res.status, text }).toMatchObject({ status: c.status })
  for (const [name, value] of Object.entries(expectedHeaders(c))) {
    expect(res.headers.get(name), `header ${name}`).toBe(value)
  }
  if (c.body !== undefined) {
    expect(text).toBe(typeof c.body === 'function' ? c.body(vars) : c.body)
  }
  if (c.check) await c.check(text ? JSON.parse(text) : {}, vars, driver)
}

/** Runs every contract row against drivers made by `factory`. */
export function runContract(factory: DriverFactory) {
  let shared: Driver
  beforeAll(async () => {
    shared = await factory()
  })
  afterAll(() => shared?.close())
  beforeEach(() => shared.emulator.reset())

  const management = [
    ...MANAGEMENT_TOKEN_CONTRACT,
    ...MANAGEMENT_CONTRACT,
    ...MANAGEMENT_READ_CONTRACT,
  ]
  for (const c of [
    ...CONTRACT,
    ...SCENARIO_CONTRACT,
    ...MFA_CONTRACT,
    ...ENROLMENT_CONTRACT,
    ...PUSH_CONTRACT,
    ...LOGIN_CONTRACT,
    ...LOGOUT_CONTRACT,
    ...AROUND_CONTRACT,
    ...RATE_LIMIT_CONTRACT,
    ...management,
  ]) {
    it(c.name, async () => {
      if (!c.emulator) return check(shared, c)
      const dedicated = await factory(c.emulator)
      try {
        await check(dedicated, c)
      } finally {
        await dedicated.close()
      }
    })
  }
}
