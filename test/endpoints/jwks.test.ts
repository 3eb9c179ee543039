import { createHash, createPublicKey, X509Certificate } from 'node:crypto'
import { jwtVerify } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import { FixtureError, type FixtureInput, parseFixture } from '../../src/index.js'
import { BOTH_MODES, type Driver, inProcessDriver } from '../support/drivers.js'
import { ALICE_CODE, form, redeem } from '../support/requests.js'

interface PublishedKey {
  kty: string
  use: string
  n: string
  e: string
  kid: string
  x5t: string
  x5c: string[]
  alg: string
}

const DAY_MS = 86_400_000
const DEV_TENANT = defaultJson.tenant as NonNullable<FixtureInput['tenant']>
const DEV_KEY = defaultJson.tenant.signing_keys[0]
const { signing_keys: _keys, ...tenantWithoutKeys } = defaultJson.tenant

/** The default fixture for another domain and without signing keys: the key is generated. */
const generatedKeyFixture = {
  ...(defaultJson as FixtureInput),
  tenant: { ...(tenantWithoutKeys as FixtureInput['tenant']), domain: 'acme.eu.auth0.com' },
}

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

async function publishedKeys(d: Driver): Promise<PublishedKey[]> {
  const res = await d.fetch('/.well-known/jwks.json')
  expect(res.status).toBe(200)
  return ((await res.json()) as { keys: PublishedKey[] }).keys
}

/** Checks a JWKS key and its certificate against everything Auth0's carry. */
function expectAuth0Certificate(key: PublishedKey, commonName: string) {
  expect(Object.keys(key)).toEqual(['kty', 'use', 'n', 'e', 'kid', 'x5t', 'x5c', 'alg'])
  expect(key).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB', alg: 'RS256' })
  expect(key.x5c).toHaveLength(1)
  const base64 = key.x5c[0] ?? ''
  expect(base64).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
  expect(base64.length % 4).toBe(0)
  const der = Buffer.from(base64, 'base64')
  expect(key.x5t).toBe(createHash('sha1').update(der).digest('base64url'))
  const cert = new X509Certificate(der)
  const publicJwk = cert.publicKey.export({ format: 'jwk' })
  expect({ n: publicJwk.n, e: publicJwk.e }).toEqual({ n: key.n, e: key.e })
  expect(cert.subject).toBe(`CN=${commonName}`)
  expect(cert.issuer).toBe(`CN=${commonName}`)
  expect(cert.serialNumber).toMatch(/^[0-7][0-9A-F]{17}$/)
  expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom)).toBe(5000 * DAY_MS)
  expect(cert.ca).toBe(true)
  expect(cert.checkIssued(cert)).toBe(true)
  expect(cert.verify(cert.publicKey)).toBe(true)
  expect(cert.publicKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048 })
  return cert
}

async function redeemForIdToken(d: Driver): Promise<string> {
  const res = await d.fetch('/oauth/token', form(redeem('mfa-token-alice', ALICE_CODE)))
  return ((await res.json()) as { id_token: string }).id_token
}

describe.each(BOTH_MODES)('JWKS (%s)', (_mode, factory) => {
  it("publishes the default key with the fixture's certificate, in Auth0's member order", async () => {
    driver = await factory()
    const [key, ...others] = await publishedKeys(driver)
    expect(others).toEqual([])
    if (!key) throw new Error('no key')
    expect(key).toMatchObject({ kid: 'dev-tenant-local-dev-key-1', n: DEV_KEY?.private_jwk.n })
    expect(key.x5c).toEqual([DEV_KEY?.certificate])
    const cert = expectAuth0Certificate(key, 'dev-tenant.local')
    expect(cert.validFrom).toBe('Jan  1 00:00:00 2026 GMT')
  })

  it('makes a certificate for a generated key, for the tenant domain, valid from the clock', async () => {
    const now = Date.UTC(2031, 4, 6, 7, 8, 9, 500)
    driver = await factory({ fixtures: generatedKeyFixture, now })
    const [key] = await publishedKeys(driver)
    if (!key) throw new Error('no key')
    expect(key.kid).not.toBe('dev-tenant-local-dev-key-1')
    const cert = expectAuth0Certificate(key, 'acme.eu.auth0.com')
    expect(Date.parse(cert.validFrom)).toBe(Date.UTC(2031, 4, 6, 7, 8, 9))
  })

  it('verifies an id_token with the key found the hand-written way: x5c, PEM, createPublicKey', async () => {
    driver = await factory()
    const keys = await publishedKeys(driver)
    const idToken = await redeemForIdToken(driver)
    const withCert = keys.find((k) => k.x5c?.length)
    const pem = `-----BEGIN CERTIFICATE-----\n${withCert?.x5c[0]?.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`
    const { payload } = await jwtVerify(idToken, createPublicKey(pem), {
      issuer: `${driver.base}/`,
      audience: 'spa-client',
      algorithms: ['RS256'],
    })
    expect(payload.sub).toBe('auth0|alice')
  })
})

describe('signing key certificates in fixtures', () => {
  const withCertificate = (certificate: string): FixtureInput => ({
    ...(defaultJson as FixtureInput),
    tenant: {
      ...DEV_TENANT,
      signing_keys: (DEV_TENANT.signing_keys ?? []).map((key) => ({ ...key, certificate })),
    },
  })

  it('accepts the certificate as PEM and publishes it as base64 DER', async () => {
    const base64 = DEV_KEY?.certificate ?? ''
    const pem = `-----BEGIN CERTIFICATE-----\r\n${base64.match(/.{1,64}/g)?.join('\r\n')}\r\n-----END CERTIFICATE-----\r\n`
    driver = inProcessDriver({ fixtures: withCertificate(pem) })
    const [key] = await publishedKeys(driver)
    expect(key?.x5c).toEqual([base64])
  })

  it('refuses a certificate that is not one, or holds another key, naming the JSON path', () => {
    const refusal = (certificate: string) => {
      try {
        parseFixture(withCertificate(certificate), 'test.json')
      } catch (err) {
        if (err instanceof FixtureError) return err.problems.map((p) => `${p.path}: ${p.message}`)
        throw err
      }
      return []
    }
    expect(refusal('not a certificate')).toEqual([
      'tenant.signing_keys[0].certificate: is neither a PEM certificate nor base64 DER',
    ])
    expect(refusal('AAAA')).toEqual([
      'tenant.signing_keys[0].certificate: does not decode to a DER certificate',
    ])
    const otherKey = createHash('sha256').digest('base64') // valid base64, no key inside
    expect(refusal(`MII${otherKey.slice(3)}`)).toEqual([
      "tenant.signing_keys[0].certificate: does not hold this signing key's public key",
    ])
  })
})
