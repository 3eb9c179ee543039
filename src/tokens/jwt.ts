import { type JWTPayload, SignJWT } from 'jose'
import type { SigningKey } from './keys.js'

/** Signs `claims` as an RS256 JWT with the key's `kid` in the header. */
export function signJwt(key: SigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .sign(key.privateKey)
}
