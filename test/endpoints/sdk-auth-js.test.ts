import {
  AuthClient,
  isMfaRequiredError,
  MfaEnrollmentError,
  MfaVerifyError,
} from '@auth0/auth0-auth-js'
import { afterEach, describe, expect, it } from 'vitest'
import type { ScenarioName } from '../../src/index.js'
import { currentTotp } from '../../src/tokens/totp.js'
import {
  type Driver,
  type DriverFactory,
  httpsDriver,
  inProcessDriver,
} from '../support/drivers.js'
import { ALICE_CODE, RECOVERY_CODE_FORMAT } from '../support/requests.js'

const ALICE_TOTP_SECRET = 'A7CML4VD2JZFRMMTAAJQN6XH7YVXL4XE'

const MODES: [string, DriverFactory][] = [
  ['in-process, the SDK pointed at dev-tenant.local', inProcessDriver],
  ['standalone over HTTPS', httpsDriver],
]

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

function sdk(d: Driver, clientId = 'regular-web-app', clientSecret = 'regular-web-app-secret') {
  return new AuthClient({ domain: new URL(d.base).host, clientId, clientSecret })
}

async function mfaTokenFor(client: AuthClient, username: string): Promise<string> {
  try {
    await client.getTokenByPassword({
      username,
      password: 'Passw0rd!',
      scope: 'openid profile email',
    })
  } catch (err) {
    if (isMfaRequiredError(err)) return err.cause.mfa_token
    throw err
  }
  throw new Error(`${username} logged in without MFA`)
}

async function verifyError(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(MfaVerifyError)
  return (err as MfaVerifyError).cause
}

async function latestBindingCode(d: Driver, userId: string): Promise<string> {
  const res = await d.fetch(`/__emulator/users/${encodeURIComponent(userId)}/messages`)
  const [latest] = (await res.json()) as { binding_code: string }[]
  if (!latest) throw new Error(`no message sent to ${userId}`)
  return latest.binding_code
}

describe.each(MODES)('@auth0/auth0-auth-js (%s)', (_mode, factory) => {
  it('surfaces mfa_required with the mfa_token from getTokenByPassword', async () => {
    driver = await factory()
    const err = await sdk(driver)
      .getTokenByPassword({ username: 'alice@example.com', password: 'Passw0rd!' })
      .catch((e: unknown) => e)
    expect(isMfaRequiredError(err)).toBe(true)
    if (!isMfaRequiredError(err)) return
    expect(err.cause.mfa_token).toEqual(expect.any(String))
  })

  it('redeems a recovery code through mfa.verify and returns the new code', async () => {
    driver = await factory()
    const client = sdk(driver)
    const mfaToken = await mfaTokenFor(client, 'alice@example.com')
    const tokens = await client.mfa.verify({
      mfaToken,
      factorType: 'recovery-code',
      recoveryCode: ALICE_CODE,
    })
    expect(tokens.recoveryCode).toMatch(RECOVERY_CODE_FORMAT)
    expect(tokens.recoveryCode).toBe(driver.emulator.currentRecoveryCode('auth0|alice'))
    expect(tokens.idToken).toEqual(expect.any(String))
    expect(tokens.accessToken).toEqual(expect.any(String))
  })

  it('refuses a reused recovery code as MfaVerifyError with invalid_grant', async () => {
    driver = await factory()
    const client = sdk(driver)
    await client.mfa.verify({
      mfaToken: await mfaTokenFor(client, 'alice@example.com'),
      factorType: 'recovery-code',
      recoveryCode: ALICE_CODE,
    })
    const cause = await verifyError(
      client.mfa.verify({
        mfaToken: await mfaTokenFor(client, 'alice@example.com'),
        factorType: 'recovery-code',
        recoveryCode: ALICE_CODE,
      }),
    )
    expect(cause).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Invalid recovery_code.',
    })
  })

  it('lists authenticators with the recovery code first', async () => {
    driver = await factory()
    const client = sdk(driver)
    const list = await client.mfa.listAuthenticators({
      mfaToken: await mfaTokenFor(client, 'alice@example.com'),
    })
    expect(list.map((a) => [a.authenticatorType, a.active, a.type])).toEqual([
      ['recovery-code', true, 'recovery-code'],
      ['otp', true, 'otp'],
    ])
    expect(list[1]?.id).toBe('totp|dev_BysUze2lgf7R1jtB')
  })

  it("verifies alice's TOTP through mfa.verify", async () => {
    driver = await factory()
    const client = sdk(driver)
    const mfaToken = await mfaTokenFor(client, 'alice@example.com')
    const otp = currentTotp(ALICE_TOTP_SECRET, driver.emulator.clock.now())
    const tokens = await client.mfa.verify({ mfaToken, factorType: 'otp', otp })
    expect(tokens.recoveryCode).toBeUndefined()
    expect(tokens.idToken).toEqual(expect.any(String))
  })

  it('enrols bob with OTP: his first recovery code, then a confirmed factor, then no second enrolment', async () => {
    driver = await factory()
    const client = sdk(driver)
    const mfaToken = await mfaTokenFor(client, 'bob@example.com')
    const enrolment = await client.mfa.enrollAuthenticator({
      authenticatorTypes: ['otp'],
      mfaToken,
    })
    if (enrolment.authenticatorType !== 'otp') throw new Error('expected an otp enrolment')
    expect(enrolment.recoveryCodes).toEqual([driver.emulator.currentRecoveryCode('auth0|bob')])
    expect(enrolment.recoveryCodes?.[0]).toMatch(RECOVERY_CODE_FORMAT)
    expect(enrolment.barcodeUri).toBe(
      `otpauth://totp/Dev%20Tenant:bob%40example.com?secret=${enrolment.secret}&issuer=Dev%20Tenant&algorithm=SHA1&digits=6&period=30`,
    )
    const otp = currentTotp(enrolment.secret, driver.emulator.clock.now())
    await client.mfa.verify({ mfaToken, factorType: 'otp', otp })
    const again = await client.mfa
      .enrollAuthenticator({
        authenticatorTypes: ['otp'],
        mfaToken: await mfaTokenFor(client, 'bob@example.com'),
      })
      .catch((e: unknown) => e)
    expect(again).toBeInstanceOf(MfaEnrollmentError)
    expect((again as MfaEnrollmentError).cause).toMatchObject({ error: 'access_denied' })
  })

  it('enrols bob by SMS and confirms with the binding code from the control API, then challenges again', async () => {
    driver = await factory()
    const client = sdk(driver)
    const mfaToken = await mfaTokenFor(client, 'bob@example.com')
    const enrolment = await client.mfa.enrollAuthenticator({
      authenticatorTypes: ['oob'],
      oobChannels: ['sms'],
      phoneNumber: '+14155550123',
      mfaToken,
    })
    if (enrolment.authenticatorType !== 'oob') throw new Error('expected an oob enrolment')
    expect(enrolment).toMatchObject({
      oobChannel: 'sms',
      bindingMethod: 'prompt',
      recoveryCodes: [expect.any(String)],
    })
    await client.mfa.verify({
      mfaToken,
      factorType: 'oob',
      oobCode: enrolment.oobCode ?? '',
      bindingCode: await latestBindingCode(driver, 'auth0|bob'),
    })
    const next = await mfaTokenFor(client, 'bob@example.com')
    const challenge = await client.mfa.challengeAuthenticator({
      challengeType: 'oob',
      mfaToken: next,
    })
    expect(challenge).toMatchObject({
      challengeType: 'oob',
      bindingMethod: 'prompt',
      oobCode: expect.any(String),
    })
    const wrong = await verifyError(
      client.mfa.verify({
        mfaToken: next,
        factorType: 'oob',
        oobCode: challenge.oobCode ?? '',
        bindingCode: '000000x',
      }),
    )
    expect(wrong).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Invalid binding_code.',
    })
    const tokens = await client.mfa.verify({
      mfaToken: next,
      factorType: 'oob',
      oobCode: challenge.oobCode ?? '',
      bindingCode: await latestBindingCode(driver, 'auth0|bob'),
    })
    expect(tokens.accessToken).toEqual(expect.any(String))
  })

  it('enrols a Guardian push, approves its challenge from the virtual phone, then sees a rejection', async () => {
    driver = await factory()
    const d = driver
    const client = sdk(d)
    const pollUntilAnswered = async (mfaToken: string, oobCode: string, answer: () => void) => {
      const pending = await verifyError(client.mfa.verify({ mfaToken, factorType: 'oob', oobCode }))
      expect(pending).toMatchObject({ error: 'authorization_pending' })
      answer()
      d.emulator.clock.advance(5_000)
      return client.mfa.verify({ mfaToken, factorType: 'oob', oobCode })
    }
    const enrolToken = await mfaTokenFor(client, 'bob@example.com')
    const enrolment = await client.mfa.enrollAuthenticator({
      authenticatorTypes: ['oob'],
      oobChannels: ['auth0'],
      mfaToken: enrolToken,
    })
    if (enrolment.authenticatorType !== 'oob') throw new Error('expected an oob enrolment')
    expect(enrolment).toMatchObject({ oobChannel: 'auth0', barcodeUri: expect.any(String) })
    expect(enrolment.bindingMethod).toBeUndefined()
    const enrolled = await pollUntilAnswered(enrolToken, enrolment.oobCode ?? '', () =>
      d.emulator.push.approve('auth0|bob'),
    )
    expect(enrolled.accessToken).toEqual(expect.any(String))

    const mfaToken = await mfaTokenFor(client, 'bob@example.com')
    const challenge = await client.mfa.challengeAuthenticator({ challengeType: 'oob', mfaToken })
    expect(challenge).toEqual({ challengeType: 'oob', oobCode: expect.any(String) })
    const tokens = await pollUntilAnswered(mfaToken, challenge.oobCode ?? '', () =>
      d.emulator.push.approve(),
    )
    expect(tokens.idToken).toEqual(expect.any(String))

    const rejectToken = await mfaTokenFor(client, 'bob@example.com')
    const refused = await client.mfa.challengeAuthenticator({
      challengeType: 'oob',
      mfaToken: rejectToken,
    })
    const rejected = await verifyError(
      pollUntilAnswered(rejectToken, refused.oobCode ?? '', () => d.emulator.push.reject()),
    )
    expect(rejected).toMatchObject({
      error: 'access_denied',
      error_description: 'MFA Authorization rejected.',
    })
    expect(d.emulator.messages('auth0|bob')).toEqual([])
  })

  it('challenges an OTP factor', async () => {
    driver = await factory()
    const client = sdk(driver)
    const challenge = await client.mfa.challengeAuthenticator({
      challengeType: 'otp',
      mfaToken: await mfaTokenFor(client, 'alice@example.com'),
    })
    expect(challenge).toEqual({ challengeType: 'otp' })
  })

  const SCENARIO_ERRORS: [ScenarioName, string][] = [
    ['invalid-recovery-code', 'invalid_grant'],
    ['expired-mfa-token', 'expired_token'],
    ['malformed-mfa-token', 'invalid_grant'],
    ['recovery-codes-disabled', 'invalid_grant'],
    ['too-many-attempts', 'too_many_attempts'],
    ['unauthorized-client', 'unauthorized_client'],
    // auth-js reads OAuth error bodies only from 4xx answers: a 500 reaches users as its own code.
    ['server-error', 'mfa_verify_error'],
  ]

  it.each(SCENARIO_ERRORS)(
    'surfaces the %s scenario as cause.error %s',
    async (scenario, error) => {
      driver = await factory()
      const client = sdk(driver)
      const mfaToken = await mfaTokenFor(client, 'alice@example.com')
      driver.emulator.scenarios.enable(scenario, { times: 1 })
      const cause = await verifyError(
        client.mfa.verify({ mfaToken, factorType: 'recovery-code', recoveryCode: ALICE_CODE }),
      )
      expect(cause?.error).toBe(error)
    },
  )
})
