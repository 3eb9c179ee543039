import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { EmulatorOptions } from '../../src/index.js'
import { type Driver, inProcessDriver } from '../support/drivers.js'
import { JWT_CLIENT, withJwtClient } from '../support/jwt-client.js'
import { form, passwordLogin } from '../support/requests.js'

const NOW = Date.UTC(2030, 0, 1)
const BASE = 'https://dev-tenant.local'
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const UNAUTHORIZED = '{"error":"access_denied","error_description":"Unauthorized"}'
const TOKEN_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  pragma: 'no-cache',
}

let privateKey: CryptoKey
let options: (extra?: Partial<EmulatorOptions>) => EmulatorOptions
beforeAll(async () => {
  const pair = await generateKeyPair('ES256')
  privateKey = pair.privateKey
  const jwk = await exportJWK(pair.publicKey)
  options = (extra = {}) => ({
    now: NOW,
    ...extra,
    fixtures: withJwtClient({ jwk: { kty: 'EC', ...jwk } }, ['password']),
  })
})

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

const seconds = (ms: number) => Math.floor(ms / 1000)

/** An assertion of jwt-app signed at the emulator's frozen time, with `claims` overriding. */
function assertion(claims: Record<string, unknown> = {}, now = NOW): Promise<string> {
  const payload: JWTPayload = {
    iss: 'jwt-app',
    sub: 'jwt-app',
    aud: `${BASE}/oauth/token`,
    iat: seconds(now),
    exp: seconds(now) + 60,
    jti: 'jti-1',
    ...claims,
  }
  const defined = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined))
  return new SignJWT(defined).setProtectedHeader({ alg: 'ES256' }).sign(privateKey)
}

/** Carol's password login (no MFA) authenticated by `clientAssertion`. */
async function login(d: Driver, clientAssertion: string) {
  const res = await d.fetch(
    '/oauth/token',
    form(
      passwordLogin('carol@example.com', {
        client_id: JWT_CLIENT,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: clientAssertion,
      }),
    ),
  )
  const headers = Object.fromEntries(Object.keys(TOKEN_HEADERS).map((h) => [h, res.headers.get(h)]))
  return { status: res.status, headers, body: await res.text() }
}

const refused = { status: 401, headers: TOKEN_HEADERS, body: UNAUTHORIZED }

describe('private_key_jwt client assertions', () => {
  it('accepts an assertion for the token endpoint and one for the issuer', async () => {
    driver = inProcessDriver(options())
    expect((await login(driver, await assertion())).status).toBe(200)
    const issuerAud = await assertion({ aud: `${BASE}/`, jti: 'jti-2' })
    expect((await login(driver, issuerAud)).status).toBe(200)
  })

  it('refuses the same jti a second time while the assertion is valid', async () => {
    driver = inProcessDriver(options())
    const once = await assertion()
    expect((await login(driver, once)).status).toBe(200)
    expect(await login(driver, once)).toEqual(refused)
    expect(await login(driver, await assertion({ exp: seconds(NOW) + 120 }))).toEqual(refused)
  })

  it.each([
    ['without exp', { exp: undefined }],
    ['with exp ten years ahead', { exp: seconds(NOW) + 10 * 365 * 86_400 }],
    ['with exp six minutes ahead', { exp: seconds(NOW) + 360 }],
    ['without jti', { jti: undefined }],
    ['with an empty jti', { jti: '' }],
    ['with iss another client', { iss: 'spa-client' }],
    ['with sub another client', { sub: 'spa-client' }],
    ['for another audience', { aud: 'https://elsewhere.example/oauth/token' }],
    ['that expired', { exp: seconds(NOW) - 1 }],
  ])('refuses an assertion %s', async (_name, claims) => {
    driver = inProcessDriver(options())
    expect(await login(driver, await assertion(claims))).toEqual(refused)
  })

  it('accepts exp up to five minutes and thirty seconds of skew ahead', async () => {
    driver = inProcessDriver(options())
    expect((await login(driver, await assertion({ exp: seconds(NOW) + 330 }))).status).toBe(200)
  })

  it('holds maxClientAssertions jtis: past it refuses with 429 until earlier ones expire', async () => {
    driver = inProcessDriver(options({ maxClientAssertions: 3 }))
    for (let i = 0; i < 3; i++) {
      expect((await login(driver, await assertion({ jti: `flood-${i}` }))).status).toBe(200)
    }
    expect(await login(driver, await assertion({ jti: 'flood-3' }))).toEqual({
      status: 429,
      headers: TOKEN_HEADERS,
      body: '{"error":"too_many_requests","error_description":"Too many client assertions are still valid; retry once earlier ones expire (maxClientAssertions)."}',
    })
    expect(driver.emulator.stats()).toMatchObject({
      client_assertions: 3,
      client_assertions_refused: 1,
    })
    driver.emulator.clock.advance(61_000)
    const later = await assertion({ jti: 'flood-4' }, NOW + 61_000)
    expect((await login(driver, later)).status).toBe(200)
    expect(driver.emulator.stats().client_assertions).toBe(1)
  })

  it('keeps the jti store flat under a flood of assertions over time', async () => {
    driver = inProcessDriver(options({ maxClientAssertions: 50 }))
    let peak = 0
    for (let i = 0; i < 300; i++) {
      const at = NOW + i * 2000
      const res = await login(driver, await assertion({ jti: `f-${i}` }, at))
      expect(res.status).toBe(200)
      driver.emulator.clock.advance(2000)
      peak = Math.max(peak, driver.emulator.stats().client_assertions)
    }
    expect(peak).toBeLessThanOrEqual(50)
    expect(driver.emulator.stats().client_assertions_refused).toBe(0)
  })
})
