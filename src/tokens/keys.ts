import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose'
import type { TenantFixture } from '../config/schema.js'
import {
  certificateBase64,
  certificateThumbprint,
  createSigningCertificate,
} from './certificate.js'

/** The key that signs tokens, and its public half as published in the JWKS. */
export interface SigningKey {
  kid: string
  privateKey: CryptoKey
  publicJwk: JWK
  /** What node:crypto signing needs, made on first use (see `signJwt`). */
  nodeSigner?: unknown
}

/** Where a keyring's certificates come from when a fixture key has none. */
export interface KeyringOptions {
  /** The certificates' CN: the tenant's domain. */
  commonName: string
  /** The emulator clock: certificates made at start are valid from then. */
  now: () => number
}

type FixtureKey = NonNullable<TenantFixture['signing_keys']>[number]

/**
 * The public JWK as Auth0 publishes it today, members in its order:
 * kty, use, n, e, kid, x5t, x5c, alg.
 */
async function publicHalf(jwk: JWK, kid: string, certificate: string): Promise<JWK> {
  return {
    kty: 'RSA',
    use: 'sig',
    n: jwk.n ?? '',
    e: jwk.e ?? '',
    kid,
    x5t: await certificateThumbprint(certificate),
    x5c: [certificate],
    alg: 'RS256',
  }
}

const certify = (jwk: JWK, privateKey: CryptoKey, options: KeyringOptions) =>
  createSigningCertificate({
    commonName: options.commonName,
    n: jwk.n ?? '',
    e: jwk.e ?? '',
    privateKey,
    notBefore: options.now(),
  })

async function importFixtureKey(entry: FixtureKey, options: KeyringOptions): Promise<SigningKey> {
  const jwk = entry.private_jwk as JWK
  const privateKey = await importJWK(jwk, 'RS256')
  if (privateKey instanceof Uint8Array) {
    throw new TypeError(`signing key '${entry.kid}' is not an RSA private key`)
  }
  const certificate = entry.certificate
    ? certificateBase64(entry.certificate)
    : await certify(jwk, privateKey, options)
  return { kid: entry.kid, privateKey, publicJwk: await publicHalf(jwk, entry.kid, certificate) }
}

async function generateKey(options: KeyringOptions): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = await exportJWK(publicKey)
  const kid = await calculateJwkThumbprint(jwk)
  const certificate = await certify(jwk, privateKey, options)
  return { kid, privateKey, publicJwk: await publicHalf(jwk, kid, certificate) }
}

/**
 * The tenant's signing keys, loaded once on first use: the fixture's keys when it has some
 * (so tokens verify across restarts), otherwise one generated RS256 pair. Each key gets a
 * self-signed certificate (`x5c`, `x5t`): the fixture's when it gives one, else one made now.
 */
export function createKeyring(
  keys: TenantFixture['signing_keys'],
  options: KeyringOptions,
): () => Promise<SigningKey[]> {
  let loaded: Promise<SigningKey[]> | undefined
  return () => {
    loaded ??= keys?.length
      ? Promise.all(keys.map((k) => importFixtureKey(k, options)))
      : generateKey(options).then((k) => [k])
    return loaded
  }
}
