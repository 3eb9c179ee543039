import defaultFixture from '../../../fixtures/default.json' with { type: 'json' }
import type { EmulatorOptions, FixtureInput } from '../../../src/index.js'
import type { Driver } from '../../support/drivers.js'
import { ALICE_CODE, form, redeem } from '../../support/requests.js'
import { type ContractCase, errorBody } from './cases.js'

// A frozen clock makes X-RateLimit-Reset exact: Unix seconds of 2030-01-01T00:00:00Z.
const T = Date.UTC(2030, 0, 1)
const T_S = T / 1000

/** The default tenant on a frozen clock, with a bucket of 3 requests refilled at 1 per second. */
const smallBucket: EmulatorOptions = {
  now: T,
  fixtures: {
    ...(defaultFixture as FixtureInput),
    tenant: {
      ...(defaultFixture.tenant as FixtureInput['tenant']),
      rate_limit: { limit: 3, refill_per_second: 1 },
    },
  },
}

const limits = (limit: number, remaining: number, reset: number) => ({
  'x-ratelimit-limit': String(limit),
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': String(reset),
})

const wrongCode = () => form(redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA'))

async function spend(driver: Driver, requests: number) {
  for (let i = 0; i < requests; i++) await (await driver.fetch('/oauth/token', wrongCode())).text()
  return {}
}

const RATE_LIMITED = errorBody('too_many_requests', 'Rate limit exceeded.')

/** Auth0's rate-limit headers on every answer of the Auth0 endpoints, and the 429 past the limit. */
export const RATE_LIMIT_CONTRACT: ContractCase[] = [
  {
    name: 'carries X-RateLimit-Limit, -Remaining and -Reset (epoch seconds) on a success',
    emulator: smallBucket,
    request: () => ({ init: form(redeem('mfa-token-alice', ALICE_CODE)) }),
    status: 200,
    // One request spent: the bucket is full again one second later.
    headers: { ...limits(3, 2, T_S + 1), 'retry-after': null },
  },
  {
    name: 'carries the rate-limit headers on an error',
    emulator: smallBucket,
    arrange: (driver) => spend(driver, 1),
    request: () => ({ init: wrongCode() }),
    status: 403,
    body: errorBody('invalid_grant', 'Invalid recovery_code.'),
    headers: { ...limits(3, 1, T_S + 2), 'retry-after': null },
  },
  {
    name: 'carries the rate-limit headers on the MFA API',
    emulator: smallBucket,
    request: () => ({
      path: '/mfa/authenticators',
      init: { headers: { authorization: 'Bearer mfa-token-alice' } },
    }),
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...limits(3, 2, T_S + 1) },
  },
  {
    name: 'answers 429 too_many_requests with Retry-After once the bucket is empty',
    emulator: smallBucket,
    arrange: (driver) => spend(driver, 3),
    request: () => ({ init: form(redeem('mfa-token-alice', ALICE_CODE)) }),
    status: 429,
    body: RATE_LIMITED,
    headers: { ...limits(3, 0, T_S + 3), 'retry-after': '1' },
  },
  {
    name: 'refills the bucket on the emulator clock',
    emulator: smallBucket,
    arrange: async (driver) => {
      await spend(driver, 3)
      driver.emulator.clock.advance(1000)
      return {}
    },
    request: () => ({ init: form(redeem('mfa-token-alice', ALICE_CODE)) }),
    status: 200,
    headers: limits(3, 0, T_S + 4),
  },
  {
    name: 'applies the rate-limited scenario from the request header',
    emulator: { now: T },
    request: () => ({
      init: form(redeem('mfa-token-alice', ALICE_CODE), {
        'auth0-emulator-scenario': 'rate-limited',
      }),
    }),
    status: 429,
    body: RATE_LIMITED,
    headers: { ...limits(1_000_000, 0, T_S + 1), 'retry-after': '1' },
  },
  {
    name: 'answers rate-limited on the MFA API with its content type',
    emulator: { now: T },
    request: () => ({
      path: '/mfa/authenticators',
      init: {
        headers: {
          authorization: 'Bearer mfa-token-alice',
          'auth0-emulator-scenario': 'rate-limited',
        },
      },
    }),
    status: 429,
    body: RATE_LIMITED,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' },
  },
  {
    name: 'gives too_many_attempts a Retry-After of the seconds until one attempt refills',
    emulator: { now: T },
    arrange: async (driver) => {
      await spend(driver, 10)
      driver.emulator.clock.advance(60_000)
      return {}
    },
    request: () => ({ init: form(redeem('mfa-token-alice', ALICE_CODE)) }),
    status: 429,
    body: errorBody('too_many_attempts', 'Too many failed attempts. Please try again later.'),
    // A minute later the request bucket is full again; the attempt bucket refills every 6 minutes.
    headers: { 'retry-after': '300', 'x-ratelimit-remaining': '999999' },
  },
]
