import type { KeyObject, webcrypto } from 'node:crypto'
import { type JWTPayload, SignJWT } from 'jose'
import type { SigningKey } from './keys.js'

type NodeCrypto = typeof import('node:crypto')

/**
 * Node's own crypto module when running on Node, read at call time and never imported, so the
 * library still bundles for browsers (where jose signs over WebCrypto instead).
 */
function nodeCrypto(): NodeCrypto | undefined {
  const processObject = (globalThis as { process?: NodeJS.Process }).process
  return processObject?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
}

/** What signing with node:crypto needs of a key, made once per key. */
interface NodeSigner {
  key: KeyObject
  header: string
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

function nodeSigner(key: SigningKey, crypto: NodeCrypto): NodeSigner {
  key.nodeSigner ??= {
    key: crypto.KeyObject.from(key.privateKey as unknown as webcrypto.CryptoKey),
    header: b64({ alg: 'RS256', typ: 'JWT', kid: key.kid }),
  }
  return key.nodeSigner as NodeSigner
}

/**
 * Signs `claims` as an RS256 JWT with the key's `kid` in the header. On Node it signs with
 * node:crypto on libuv's thread pool, which costs the main thread less than WebCrypto under load
 * (`npm run bench:sign`); the token is the same either way (jose verifies both).
 */
export function signJwt(key: SigningKey, claims: JWTPayload): Promise<string> {
  const crypto = nodeCrypto()
  if (!crypto) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
      .sign(key.privateKey)
  }
  const signer = nodeSigner(key, crypto)
  const input = `${signer.header}.${b64(claims)}`
  return new Promise((resolve, reject) => {
    crypto.sign('sha256', Buffer.from(input), signer.key, (err, signature) => {
      if (err) reject(err)
      else resolve(`${input}.${signature.toString('base64url')}`)
    })
  })
}
