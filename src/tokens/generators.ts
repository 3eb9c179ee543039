import { base64url } from 'jose'
import { Secret } from 'otpauth'
import {
  AUTHENTICATOR_ID_ALPHABET,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_LENGTH,
} from '../contract/codes.js'
import { type RandomBytes, stringGenerator } from './random.js'

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** Makers of every random value the emulator hands out; all draw from one (maybe seeded) source. */
export interface Generators {
  /** A fresh 24-character recovery code in Auth0's alphabet. */
  recoveryCode(): string
  /** An authenticator id such as `totp|dev_ZdXKDYctdGHWWAN5`. */
  authenticatorId(kind: string): string
  /** An opaque mfa_token shaped like Auth0's Iron seal (~2 kB); times in milliseconds. */
  mfaToken(issuedAt: number, expiresAt: number): string
  /** An opaque refresh token. */
  refreshToken(): string
  /** A JWT id. */
  jwtId(): string
  /** An opaque access token, as Auth0 issues when no audience is asked for. */
  accessToken(): string
  /** A base32 TOTP secret of 20 random bytes, as Auth0's `/mfa/associate` returns. */
  otpSecret(): string
  /** An opaque `oob_code` in the same Iron-seal shape (578–620 characters). */
  oobCode(issuedAt: number, expiresAt: number): string
  /** The 6-digit code "sent" by SMS, voice or email. */
  bindingCode(): string
  /** The 32-alphanumeric `enrollment_tx_id` of a Guardian enrolment's `barcode_uri`. */
  enrolmentTxId(): string
}

// AES-CBC blocks of the sealed payload: 82 make an mfa_token of 1,986 characters, the size of
// Auth0's (about 1,990); 16–18 make an oob_code of 578–620.
const MFA_TOKEN_BLOCKS = 82
const DAY_S = 86_400

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/**
 * A string shaped like an Iron seal (`Fe26.2`, the format of Auth0's mfa_token and oob_code):
 * `Fe26.2*SERVER_<key epoch s>*<salt hex>*<iv b64url>*<ciphertext b64url>*<expiry ms>*<hmac
 * salt hex>*<hmac b64url>`. Every part but the times is random: the emulator looks tokens up,
 * it never opens them. The key epoch is the start of the UTC day of issue, as if the sealing key
 * rotated daily.
 */
function ironSeal(
  random: RandomBytes,
  issuedAt: number,
  expiresAt: number,
  blocks: number,
): string {
  const expiry = Math.max(0, Math.trunc(expiresAt))
  const epoch = Math.max(0, Math.floor(issuedAt / 1000 / DAY_S) * DAY_S)
  return [
    'Fe26.2',
    `SERVER_${String(epoch).padStart(10, '0')}`,
    hex(random(32)),
    base64url.encode(random(16)),
    base64url.encode(random(16 * blocks)),
    String(expiry).padStart(13, '0'),
    hex(random(32)),
    base64url.encode(random(32)),
  ].join('*')
}

/** Builds the generators over `random`. */
export function createGenerators(random: RandomBytes): Generators {
  const code = stringGenerator(random, RECOVERY_CODE_ALPHABET, RECOVERY_CODE_LENGTH)
  const deviceId = stringGenerator(random, AUTHENTICATOR_ID_ALPHABET, 16)
  const opaque48 = stringGenerator(random, URL_SAFE, 48)
  const id22 = stringGenerator(random, URL_SAFE, 22)
  const digits6 = stringGenerator(random, '0123456789', 6)
  return {
    recoveryCode: code,
    authenticatorId: (kind) => `${kind}|dev_${deviceId()}`,
    mfaToken: (issuedAt, expiresAt) => ironSeal(random, issuedAt, expiresAt, MFA_TOKEN_BLOCKS),
    refreshToken: opaque48,
    jwtId: id22,
    accessToken: stringGenerator(random, URL_SAFE, 32),
    otpSecret: () => new Secret({ buffer: random(20).buffer as ArrayBuffer }).base32,
    oobCode: (issuedAt, expiresAt) =>
      ironSeal(random, issuedAt, expiresAt, 16 + ((random(1)[0] ?? 0) % 3)),
    bindingCode: digits6,
    enrolmentTxId: stringGenerator(random, AUTHENTICATOR_ID_ALPHABET, 32),
  }
}
