import { exportJWK, generateKeyPair } from 'jose'
import * as client from 'openid-client'
import { afterEach, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import type { EmulatorOptions, FixtureInput } from '../../src/index.js'
import {
  type Driver,
  type DriverFactory,
  httpsDriver,
  inProcessDriver,
} from '../support/drivers.js'
import { IRON_SEAL } from '../support/iron-seal.js'
import { withJwtClient } from '../support/jwt-client.js'
import { ALICE_CODE, RECOVERY_CODE_FORMAT, RECOVERY_GRANT } from '../support/requests.js'

// openid-client 6 insists on HTTPS, so the standalone server runs with the test certificate
// that global-setup trusts through NODE_EXTRA_CA_CERTS; no allowInsecureRequests anywhere.
const MODES: [string, DriverFactory][] = [
  ['in-process, pointed at https://dev-tenant.local', inProcessDriver],
  ['standalone over HTTPS', httpsDriver],
]

const WEB_APP = 'regular-web-app'
const WEB_SECRET = 'regular-web-app-secret'
const clients = defaultJson.clients as NonNullable<FixtureInput['clients']>

/** The default fixture with regular-web-app authenticating by HTTP Basic. */
const basicFixture: EmulatorOptions = {
  fixtures: {
    ...(defaultJson as FixtureInput),
    clients: clients.map((c) =>
      c.client_id === WEB_APP ? { ...c, token_endpoint_auth_method: 'client_secret_basic' } : c,
    ),
  },
}

/** The default fixture with regular-web-app rotating its refresh tokens. */
const rotatingFixture: EmulatorOptions = {
  fixtures: {
    ...(defaultJson as FixtureInput),
    clients: clients.map((c) =>
      c.client_id === WEB_APP ? { ...c, refresh_token: { rotation_type: 'rotating' as const } } : c,
    ),
  },
}

/** The default fixture plus a private_key_jwt client holding the public half of `jwk`. */
function withJwtApp(jwk: Record<string, unknown>): EmulatorOptions {
  const credential = { kid: 'jwt-app-key-1', jwk: { kty: 'RSA', ...jwk } }
  return { fixtures: withJwtClient(credential, ['password', RECOVERY_GRANT, 'refresh_token']) }
}

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

/** Discovers the emulator and turns on the id_token signature check against its JWKS. */
async function configure(
  d: Driver,
  clientId = WEB_APP,
  auth: client.ClientAuth = client.ClientSecretPost(WEB_SECRET),
) {
  const config = await client.discovery(new URL(d.base), clientId, undefined, auth)
  client.enableNonRepudiationChecks(config)
  return config
}

/** Alice's password login, which answers mfa_required; returns the error openid-client throws. */
async function passwordLogin(config: client.Configuration, scope = 'openid profile email') {
  const err = await client
    .genericGrantRequest(config, 'password', {
      username: 'alice@example.com',
      password: 'Passw0rd!',
      scope,
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    )
  expect(err).toBeInstanceOf(client.ResponseBodyError)
  return err as client.ResponseBodyError
}

async function mfaTokenOf(config: client.Configuration, scope?: string): Promise<string> {
  const err = await passwordLogin(config, scope)
  const mfaToken = err.cause.mfa_token
  if (typeof mfaToken !== 'string') throw new Error(`no mfa_token in ${JSON.stringify(err.cause)}`)
  return mfaToken
}

const recover = (config: client.Configuration, mfaToken: string, recoveryCode = ALICE_CODE) =>
  client.genericGrantRequest(config, RECOVERY_GRANT, {
    mfa_token: mfaToken,
    recovery_code: recoveryCode,
  })

describe.each(MODES)('openid-client 6 (%s)', (_mode, factory) => {
  it("discovers the issuer with its trailing slash and Auth0's endpoints", async () => {
    driver = await factory()
    const config = await configure(driver)
    const metadata = config.serverMetadata()
    expect(metadata.issuer).toBe(`${driver.base}/`)
    expect(metadata.token_endpoint).toBe(`${driver.base}/oauth/token`)
    expect(metadata.jwks_uri).toBe(`${driver.base}/.well-known/jwks.json`)
    expect(metadata.token_endpoint_auth_methods_supported).toEqual([
      'client_secret_basic',
      'client_secret_post',
      'private_key_jwt',
    ])
  })

  it('reads mfa_required and its mfa_token from the cause of the password grant error', async () => {
    driver = await factory()
    const err = await passwordLogin(await configure(driver))
    expect(err).toMatchObject({
      error: 'mfa_required',
      error_description: 'Multifactor authentication required',
      status: 403,
    })
    expect(Object.keys(err.cause)).toEqual(['error', 'error_description', 'mfa_token'])
    expect(err.cause.mfa_token).toMatch(IRON_SEAL)
  })

  it('redeems a recovery code as a generic grant with client_secret_post and validates the id_token', async () => {
    driver = await factory()
    const config = await configure(driver)
    const tokens = await recover(config, await mfaTokenOf(config))
    expect(tokens.token_type).toBe('bearer')
    expect(tokens.recovery_code).toMatch(RECOVERY_CODE_FORMAT)
    expect(tokens.recovery_code).toBe(driver.emulator.currentRecoveryCode('auth0|alice'))
    expect(tokens.claims()).toMatchObject({
      iss: `${driver.base}/`,
      aud: WEB_APP,
      sub: 'auth0|alice',
      email: 'alice@example.com',
    })
  })

  it('checks the id_token signature against the JWKS, and fails it with another key', async () => {
    driver = await factory()
    const config = await configure(driver)
    await recover(config, await mfaTokenOf(config))
    const fetched = client.getJwksCache(config)
    expect(fetched?.jwks.keys).toEqual([
      expect.objectContaining({ kid: 'dev-tenant-local-dev-key-1', x5c: [expect.any(String)] }),
    ])
    driver.emulator.reset()
    const other = await exportJWK((await generateKeyPair('RS256')).publicKey)
    const forged = { ...fetched?.jwks.keys[0], n: other.n ?? '' }
    const misled = await configure(driver)
    client.setJwksCache(misled, {
      jwks: { keys: [forged] },
      uat: Math.floor(Date.now() / 1000),
    })
    const err = await recover(misled, await mfaTokenOf(misled)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(client.ClientError)
    expect((err as Error).cause).toMatchObject({ message: 'JWT signature verification failed' })
  })

  it('authenticates by client_secret_basic when the client is set up for it', async () => {
    driver = await factory(basicFixture)
    const config = await configure(driver, WEB_APP, client.ClientSecretBasic(WEB_SECRET))
    const tokens = await recover(config, await mfaTokenOf(config))
    expect(tokens.claims()?.sub).toBe('auth0|alice')
  })

  it('is refused with 401 access_denied when it uses another method than the client has', async () => {
    driver = await factory()
    const config = await configure(driver, WEB_APP, client.ClientSecretBasic(WEB_SECRET))
    const err = await passwordLogin(config)
    expect(err).toMatchObject({ status: 401, error: 'access_denied' })
  })

  it('authenticates by private_key_jwt with a key the fixture lists', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256')
    driver = await factory(withJwtApp(await exportJWK(publicKey)))
    const auth = client.PrivateKeyJwt({ key: privateKey, kid: 'jwt-app-key-1' })
    const config = await configure(driver, 'jwt-app', auth)
    const tokens = await recover(config, await mfaTokenOf(config))
    expect(tokens.claims()).toMatchObject({ aud: 'jwt-app', sub: 'auth0|alice' })
    const stranger = (await generateKeyPair('RS256')).privateKey
    const refused = await configure(driver, 'jwt-app', client.PrivateKeyJwt(stranger))
    expect(await passwordLogin(refused)).toMatchObject({ status: 401, error: 'access_denied' })
  })

  it('refreshes the tokens of a recovery-code login with refreshTokenGrant', async () => {
    driver = await factory()
    const config = await configure(driver)
    const first = await recover(
      config,
      await mfaTokenOf(config, 'openid profile email offline_access'),
    )
    expect(first.refresh_token).toEqual(expect.any(String))
    const refreshed = await client.refreshTokenGrant(config, first.refresh_token ?? '')
    expect(refreshed.access_token).not.toBe(first.access_token)
    expect(refreshed.claims()?.sub).toBe('auth0|alice')
  })

  it('revokes the whole family when a rotated refresh token is replayed', async () => {
    driver = await factory(rotatingFixture)
    const config = await configure(driver)
    const first = await recover(
      config,
      await mfaTokenOf(config, 'openid profile email offline_access'),
    )
    const rotated = await client.refreshTokenGrant(config, first.refresh_token ?? '')
    expect(rotated.refresh_token).toEqual(expect.any(String))
    expect(rotated.refresh_token).not.toBe(first.refresh_token)
    const replay = await client.refreshTokenGrant(config, first.refresh_token ?? '').catch((e) => e)
    const revoked = {
      status: 403,
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
    }
    expect(replay).toBeInstanceOf(client.ResponseBodyError)
    expect(replay).toMatchObject(revoked)
    const successor = await client
      .refreshTokenGrant(config, rotated.refresh_token ?? '')
      .catch((e) => e)
    expect(successor).toBeInstanceOf(client.ResponseBodyError)
    expect(successor).toMatchObject(revoked)
    expect(driver.emulator.stats()).toMatchObject({ refresh_tokens: 0, rotated_refresh_tokens: 0 })
  })

  it('surfaces a wrong recovery code as ResponseBodyError invalid_grant', async () => {
    driver = await factory()
    const config = await configure(driver)
    const mfaToken = await mfaTokenOf(config)
    const err = await recover(config, mfaToken, 'AAAAAAAAAAAAAAAAAAAAAAAA').catch((e) => e)
    expect(err).toBeInstanceOf(client.ResponseBodyError)
    expect(err).toMatchObject({
      status: 403,
      error: 'invalid_grant',
      error_description: 'Invalid recovery_code.',
    })
  })

  it('surfaces the rate-limited scenario as ResponseBodyError too_many_requests', async () => {
    driver = await factory()
    const config = await configure(driver)
    const mfaToken = await mfaTokenOf(config)
    driver.emulator.scenarios.enable('rate-limited', { times: 1 })
    const err = await recover(config, mfaToken).catch((e) => e)
    expect(err).toMatchObject({ status: 429, error: 'too_many_requests' })
    expect((err as client.ResponseBodyError).response.headers.get('retry-after')).toBe('1')
  })

  it('fetches the profile with client.fetchUserInfo', async () => {
    driver = await factory()
    const config = await configure(driver)
    const tokens = await recover(config, await mfaTokenOf(config))
    const info = await client.fetchUserInfo(config, tokens.access_token, 'auth0|alice')
    expect(Object.keys(info)).toEqual([
      'sub',
      'nickname',
      'name',
      'picture',
      'updated_at',
      'email',
      'email_verified',
    ])
    expect(info).toMatchObject({ sub: 'auth0|alice', email: 'alice@example.com' })
  })

  it('revokes a refresh token with client.tokenRevocation', async () => {
    driver = await factory()
    const config = await configure(driver)
    const first = await recover(
      config,
      await mfaTokenOf(config, 'openid profile email offline_access'),
    )
    await client.tokenRevocation(config, first.refresh_token ?? '', {
      token_type_hint: 'refresh_token',
    })
    const err = await client.refreshTokenGrant(config, first.refresh_token ?? '').catch((e) => e)
    expect(err).toMatchObject({ status: 403, error: 'invalid_grant' })
  })
})
