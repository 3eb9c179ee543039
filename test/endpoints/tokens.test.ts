import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import { createEmulator, type EmulatorOptions, type FixtureInput } from '../../src/index.js'
import { type Driver, httpDriver, inProcessDriver } from '../support/drivers.js'
import { ALICE_CODE, form, redeem } from '../support/requests.js'

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

async function redeemAndVerify(d: Driver) {
  const discovery = (await (await d.fetch('/.well-known/openid-configuration')).json()) as {
    issuer: string
    jwks_uri: string
    [k: string]: unknown
  }
  const jwksUrl = new URL(discovery.jwks_uri)
  const jwks = await (await d.fetch(jwksUrl.pathname)).json()
  const mfaToken = await d.emulator.issueMfaToken({
    userId: 'auth0|alice',
    clientId: 'spa-client',
    scope: 'openid profile email',
    audience: 'https://api.example.com/',
  })
  const res = await d.fetch('/oauth/token', form(redeem(mfaToken, ALICE_CODE)))
  const body = (await res.json()) as { id_token: string; access_token: string }
  const keys = createLocalJWKSet(jwks)
  const id = await jwtVerify(body.id_token, keys, {
    issuer: discovery.issuer,
    audience: 'spa-client',
    algorithms: ['RS256'],
  })
  const access = await jwtVerify(body.access_token, keys, {
    issuer: discovery.issuer,
    audience: 'https://api.example.com/',
  })
  return { discovery, jwks, id: id.payload, access: access.payload }
}

describe('tokens, keys and discovery', () => {
  it.each([
    ['in-process', inProcessDriver],
    ['http', httpDriver],
  ] as const)(
    'signs an id_token that verifies against the JWKS with iss equal to the discovery issuer (%s)',
    async (_m, factory) => {
      driver = await factory()
      const { discovery, jwks, id } = await redeemAndVerify(driver)
      expect(discovery.issuer).toBe(`${driver.base}/`)
      expect(discovery.token_endpoint).toBe(`${driver.base}/oauth/token`)
      expect(discovery.mfa_challenge_endpoint).toBe(`${driver.base}/mfa/challenge`)
      expect(discovery.id_token_signing_alg_values_supported).toContain('RS256')
      expect(discovery.token_endpoint_auth_methods_supported).toEqual([
        'client_secret_basic',
        'client_secret_post',
        'private_key_jwt',
      ])
      expect(JSON.stringify(jwks)).toBe(
        JSON.stringify({
          keys: [
            {
              kty: 'RSA',
              use: 'sig',
              n: defaultJson.tenant.signing_keys[0]?.private_jwk.n,
              e: 'AQAB',
              kid: 'dev-tenant-local-dev-key-1',
              x5t: jwks.keys[0].x5t,
              x5c: [defaultJson.tenant.signing_keys[0]?.certificate],
              alg: 'RS256',
            },
          ],
        }),
      )
      expect(id.iss).toBe(discovery.issuer)
    },
  )

  it('generates a key pair for a fixture without keys', async () => {
    const { signing_keys: _dropped, ...tenant } = defaultJson.tenant
    driver = inProcessDriver({
      fixtures: { ...(defaultJson as FixtureInput), tenant: tenant as FixtureInput['tenant'] },
    })
    const { jwks } = await redeemAndVerify(driver)
    expect(jwks.keys).toHaveLength(1)
    expect(jwks.keys[0].kid).not.toBe('dev-tenant-local-dev-key-1')
  })

  it('uses https://{domain}/ as issuer when the handlers bind to a domain', async () => {
    const emulator = createEmulator({ domain: 'acme.eu.auth0.com' })
    const server = setupServer(...emulator.handlers)
    server.listen({ onUnhandledRequest: 'bypass' })
    try {
      const res = await fetch('https://acme.eu.auth0.com/.well-known/openid-configuration')
      expect(((await res.json()) as { issuer: string }).issuer).toBe('https://acme.eu.auth0.com/')
      await expect(
        fetch('https://other.example/.well-known/openid-configuration'),
      ).rejects.toThrow()
    } finally {
      server.close()
    }
  })

  it('uses a fixed issuer, adding the trailing slash', async () => {
    driver = await httpDriver({ issuer: 'https://login.example.com' })
    const { discovery, id } = await redeemAndVerify(driver)
    expect(discovery.issuer).toBe('https://login.example.com/')
    expect(id.iss).toBe('https://login.example.com/')
  })

  it('repeats codes and tokens for the same seed and differs for another', async () => {
    const codes = async (options: EmulatorOptions) => {
      const d = inProcessDriver(options)
      try {
        const res = await d.fetch('/oauth/token', form(redeem('mfa-token-alice', ALICE_CODE)))
        return ((await res.json()) as { recovery_code: string }).recovery_code
      } finally {
        await d.close()
      }
    }
    const now = Date.UTC(2030, 0, 1)
    expect(await codes({ seed: 7, now })).toBe(await codes({ seed: 7, now }))
    expect(await codes({ seed: 7, now })).not.toBe(await codes({ seed: 8, now }))
  })

  it('authenticates a private_key_jwt client by its client_assertion', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256')
    const jwk = { ...(await exportJWK(publicKey)), kty: 'EC', kid: 'client-key' }
    const fixtures = {
      ...(defaultJson as FixtureInput),
      clients: [
        ...(defaultJson.clients as NonNullable<FixtureInput['clients']>),
        {
          client_id: 'jwt-app',
          token_endpoint_auth_method: 'private_key_jwt' as const,
          grant_types: ['http://auth0.com/oauth/grant-type/mfa-recovery-code'],
          client_authentication_methods: {
            private_key_jwt: { credentials: [{ kid: 'client-key', jwk }] },
          },
        },
      ],
    }
    driver = inProcessDriver({ fixtures, now: Date.UTC(2030, 0, 1) })
    const mfaToken = await driver.emulator.issueMfaToken({
      userId: 'auth0|alice',
      clientId: 'jwt-app',
    })
    const assertion = (aud: string, key = privateKey) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: 'client-key' })
        .setIssuer('jwt-app')
        .setSubject('jwt-app')
        .setAudience(aud)
        .setIssuedAt(Date.UTC(2030, 0, 1) / 1000)
        .setExpirationTime(Date.UTC(2030, 0, 1) / 1000 + 60)
        .setJti(crypto.randomUUID())
        .sign(key)
    const send = async (clientAssertion: string) => {
      const res = await driver?.fetch(
        '/oauth/token',
        form(
          redeem(mfaToken, driver.emulator.currentRecoveryCode('auth0|alice') ?? '', {
            client_id: 'jwt-app',
            client_assertion: clientAssertion,
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          }),
        ),
      )
      return { status: res?.status, text: await res?.text() }
    }
    const stranger = (await generateKeyPair('ES256')).privateKey
    expect(await send(await assertion('https://dev-tenant.local/', stranger))).toEqual({
      status: 401,
      text: '{"error":"access_denied","error_description":"Unauthorized"}',
    })
    expect(await send(await assertion('https://elsewhere.example/'))).toMatchObject({ status: 401 })
    expect((await send(await assertion('https://dev-tenant.local/oauth/token'))).status).toBe(200)
  })
})
