import { syncBuiltinESMExports } from 'node:module'
import { AuthApiError, AuthenticationClient } from 'auth0/legacy'
import { afterEach, describe, expect, it } from 'vitest'
import type { EmulatorOptions } from '../../src/index.js'
import {
  type Driver,
  type DriverFactory,
  httpsDriver,
  inProcessDriver,
} from '../support/drivers.js'
import { IRON_SEAL } from '../support/iron-seal.js'

// node-auth0 7 ships AuthenticationClient only from its `auth0/legacy` entry (the v4 API). It
// calls https://{domain} and validates id_tokens against https://{domain}/.well-known/jwks.json.

/**
 * The in-process driver, with Node's ESM view of its built-in modules brought up to date: the
 * jose 5 inside node-auth0 fetches the JWKS with `https.get` from `import * as https`, a snapshot
 * that does not see msw's patch of `node:https` until `syncBuiltinESMExports()` runs.
 */
function inProcessWithBuiltinSync(options?: EmulatorOptions): Driver {
  const d = inProcessDriver(options)
  syncBuiltinESMExports()
  return {
    ...d,
    async close() {
      await d.close()
      syncBuiltinESMExports()
    },
  }
}

const MODES: [string, DriverFactory][] = [
  ['in-process, pointed at dev-tenant.local', inProcessWithBuiltinSync],
  ['standalone over HTTPS', httpsDriver],
]

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

const auth0 = (d: Driver) =>
  new AuthenticationClient({
    domain: new URL(d.base).host,
    clientId: 'regular-web-app',
    clientSecret: 'regular-web-app-secret',
  })

describe.each(MODES)('auth0 AuthenticationClient (%s)', (_mode, factory) => {
  it('raises mfa_required from passwordGrant with the mfa_token in its body', async () => {
    driver = await factory()
    const err = await auth0(driver)
      .oauth.passwordGrant({ username: 'alice@example.com', password: 'Passw0rd!' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AuthApiError)
    const apiError = err as AuthApiError
    expect(apiError).toMatchObject({
      error: 'mfa_required',
      error_description: 'Multifactor authentication required',
      statusCode: 403,
    })
    expect(JSON.parse(apiError.body).mfa_token).toMatch(IRON_SEAL)
    expect(apiError.headers.get('x-ratelimit-limit')).toBe('1000000')
  })

  it('logs in a user without MFA and refreshes, validating each id_token against the JWKS', async () => {
    driver = await factory()
    const client = auth0(driver)
    const login = await client.oauth.passwordGrant({
      username: 'carol@example.com',
      password: 'Passw0rd!',
      scope: 'openid profile email offline_access',
    })
    expect(login.status).toBe(200)
    expect(login.data).toMatchObject({ token_type: 'Bearer', expires_in: 86400 })
    const refreshToken = login.data.refresh_token ?? ''
    expect(refreshToken).not.toBe('')
    const refreshed = await client.oauth.refreshTokenGrant({ refresh_token: refreshToken })
    expect(refreshed.data.id_token).toEqual(expect.any(String))
    expect(refreshed.data.access_token).not.toBe(login.data.access_token)
  })

  it('refuses an unknown refresh token as AuthApiError invalid_grant', async () => {
    driver = await factory()
    const err = await auth0(driver)
      .oauth.refreshTokenGrant({ refresh_token: 'not-a-refresh-token' })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
      statusCode: 403,
    })
  })
})
