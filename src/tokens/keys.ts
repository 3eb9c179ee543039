import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose'
import type { TenantFixture } from '../config/schema.js'

/** The key that signs tokens, and its public half as published in the JWKS. */
export interface SigningKey {
  kid: string
  privateKey: CryptoKey
  publicJwk: JWK
}

/** The public JWK as Auth0 publishes it, members in its order: kty, use, alg, kid, n, e. */
function publicHalf(jwk: JWK, kid: string): JWK {
  return { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: jwk.n ?? '', e: jwk.e ?? '' }
}

async function importFixtureKey(entry: NonNullable<TenantFixture['signing_keys']>[number]) {
  const privateKey = await importJWK(entry.private_jwk as JWK, 'RS256')
  if (privateKey instanceof Uint8Array) {
    throw new TypeError(`signing key '${entry.kid}' is not an RSA private key`)
  }
  return { kid: entry.kid, privateKey, publicJwk: publicHalf(entry.private_jwk as JWK, entry.kid) }
}

async function generateKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = await exportJWK(publicKey)
  const kid = await calculateJwkThumbprint(jwk)
  return { kid, privateKey, publicJwk: publicHalf(jwk, kid) }
}

/**
 * The tenant's signing keys, loaded once on first use: the fixture's keys when it has some
 * (so tokens verify across restarts), otherwise one generated RS256 pair.
 */
export function createKeyring(keys: TenantFixture['signing_keys']): () => Promise<SigningKey[]> {
  let loaded: Promise<SigningKey[]> | undefined
  return () => {
    loaded ??= keys?.length
      ? Promise.all(keys.map(importFixtureKey))
      : generateKey().then((k) => [k])
    return loaded
  }
}
