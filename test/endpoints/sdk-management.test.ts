import { ManagementClient, ManagementError } from 'auth0'
import { AuthenticationClient } from 'auth0/legacy'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type Driver,
  type DriverFactory,
  httpsDriver,
  inProcessDriver,
} from '../support/drivers.js'
import { ALICE_CODE, form, json, RECOVERY_CODE_FORMAT, redeem } from '../support/requests.js'

const MODES: [string, DriverFactory][] = [
  ['in-process, the SDK pointed at dev-tenant.local', inProcessDriver],
  ['standalone over HTTPS', httpsDriver],
]
const M2M = { clientId: 'm2m-client', clientSecret: 'm2m-client-secret' }

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

const domainOf = (d: Driver) => new URL(d.base).host
const management = (d: Driver) => new ManagementClient({ domain: domainOf(d), ...M2M })

/** Redeems `code` for `userId` through the recovery-code grant; answers the status. */
async function redeemStatus(d: Driver, code: string, userId = 'auth0|alice') {
  const mfaToken = await d.emulator.issueMfaToken({ userId, clientId: 'spa-client' })
  const res = await d.fetch('/oauth/token', form(redeem(mfaToken, code)))
  await res.text()
  return res.status
}

describe.each(MODES)('auth0 ManagementClient (%s)', (_mode, factory) => {
  it('gets a Management API token by client credentials with AuthenticationClient', async () => {
    driver = await factory()
    const auth = new AuthenticationClient({ domain: domainOf(driver), ...M2M })
    const { data } = await auth.oauth.clientCredentialsGrant({
      audience: `https://${domainOf(driver)}/api/v2/`,
    })
    expect(data).toMatchObject({
      scope: 'read:users update:users read:authentication_methods delete:guardian_enrollments',
      expires_in: 86400,
      token_type: 'Bearer',
    })
    expect(data.access_token.split('.')).toHaveLength(3)
  })

  it('regenerates a recovery code: the old one fails at once and the new one redeems', async () => {
    driver = await factory()
    const { recovery_code } = await management(driver).users.regenerateRecoveryCode('auth0|alice')
    expect(recovery_code).toMatch(RECOVERY_CODE_FORMAT)
    expect(await redeemStatus(driver, ALICE_CODE)).toBe(403)
    expect(await redeemStatus(driver, recovery_code ?? '')).toBe(200)
  })

  it("reads a user's enrolments and authentication methods", async () => {
    driver = await factory()
    const client = management(driver)
    const enrollments = await client.users.enrollments.get('auth0|alice')
    expect(enrollments.map((e) => [e.id, e.status, e.auth_method])).toEqual([
      ['dev_BysUze2lgf7R1jtB', 'confirmed', 'authenticator'],
    ])
    expect(await client.users.enrollments.get('auth0|bob')).toEqual([])
    const methods = []
    for await (const method of await client.users.authenticationMethods.list('auth0|alice')) {
      methods.push([method.type, method.confirmed])
    }
    expect(methods).toEqual([
      ['recovery-code', true],
      ['totp', true],
    ])
  })

  it('deletes all authenticators, after which the user must enrol again', async () => {
    driver = await factory()
    await management(driver).users.authenticators.deleteAll('auth0|alice')
    expect(await redeemStatus(driver, ALICE_CODE)).toBe(403)
    const mfaToken = await driver.emulator.issueMfaToken({
      userId: 'auth0|alice',
      clientId: 'spa-client',
    })
    const res = await driver.fetch(
      '/mfa/associate',
      json({ authenticator_types: ['otp'] }, { authorization: `Bearer ${mfaToken}` }),
    )
    const body = (await res.json()) as { recovery_codes?: string[] }
    expect(res.status).toBe(200)
    expect(body.recovery_codes).toEqual([driver.emulator.currentRecoveryCode('auth0|alice')])
  })

  it('surfaces insufficient scope and unknown users as ManagementError with the body', async () => {
    driver = await factory()
    const d = driver
    const narrow = new ManagementClient({
      domain: domainOf(d),
      // A token narrowed to read:users, asked for as any client may (the SDK types no scope).
      token: async () => {
        const res = await d.fetch(
          '/oauth/token',
          form({
            grant_type: 'client_credentials',
            client_id: M2M.clientId,
            client_secret: M2M.clientSecret,
            audience: `https://${domainOf(d)}/api/v2/`,
            scope: 'read:users',
          }),
        )
        return ((await res.json()) as { access_token: string }).access_token
      },
    })
    const forbidden = await narrow.users.regenerateRecoveryCode('auth0|alice').catch((e) => e)
    expect(forbidden).toBeInstanceOf(ManagementError)
    expect(forbidden).toMatchObject({
      statusCode: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Insufficient scope, expected any of: update:users',
        errorCode: 'insufficient_scope',
      },
    })
    const missing = await management(driver)
      .users.enrollments.get('auth0|nobody')
      .catch((e) => e)
    expect(missing).toMatchObject({ statusCode: 404, body: { errorCode: 'inexistent_user' } })
  })
})
