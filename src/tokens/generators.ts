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
  /** An opaque mfa_token: a random handle the store maps to its binding. */
  mfaToken(): string
  /** An opaque refresh token. */
  refreshToken(): string
  /** A JWT id. */
  jwtId(): string
  /** An opaque access token, as Auth0 issues when no audience is asked for. */
  accessToken(): string
  /** A base32 TOTP secret of 20 random bytes, as Auth0's `/mfa/associate` returns. */
  otpSecret(): string
  /** An opaque `oob_code` naming one out-of-band challenge. */
  oobCode(): string
  /** The 6-digit code "sent" by SMS, voice or email. */
  bindingCode(): string
}

/** Builds the generators over `random`. */
export function createGenerators(random: RandomBytes): Generators {
  const code = stringGenerator(random, RECOVERY_CODE_ALPHABET, RECOVERY_CODE_LENGTH)
  const deviceId = stringGenerator(random, AUTHENTICATOR_ID_ALPHABET, 16)
  const opaque64 = stringGenerator(random, URL_SAFE, 64)
  const opaque48 = stringGenerator(random, URL_SAFE, 48)
  const id22 = stringGenerator(random, URL_SAFE, 22)
  const digits6 = stringGenerator(random, '0123456789', 6)
  return {
    recoveryCode: code,
    authenticatorId: (kind) => `${kind}|dev_${deviceId()}`,
    mfaToken: opaque64,
    refreshToken: opaque48,
    jwtId: id22,
    accessToken: stringGenerator(random, URL_SAFE, 32),
    otpSecret: () => new Secret({ buffer: random(20).buffer as ArrayBuffer }).base32,
    oobCode: opaque64,
    bindingCode: digits6,
  }
}
