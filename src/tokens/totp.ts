import { Secret, TOTP } from 'otpauth'

const PERIOD = 30
const DIGITS = 6

/**
 * The `otpauth://` URI of an enrolment, with parameters in the order Auth0 sends them:
 * `secret`, `issuer`, `algorithm`, `digits`, `period`.
 */
export function barcodeUri(issuerName: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuerName)}:${encodeURIComponent(account)}`
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuerName)}&algorithm=SHA1&digits=${DIGITS}&period=${PERIOD}`
}

function totp(secret: string): TOTP {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
  })
}

/** Whether `token` is the TOTP of `secret` at `now`, allowing one period of clock drift each way. */
export function verifyTotp(secret: string, token: string, now: number): boolean {
  return totp(secret).validate({ token, timestamp: now, window: 1 }) !== null
}

/** The TOTP of `secret` at `now`, as an authenticator app would show it. */
export function currentTotp(secret: string, now: number): string {
  return totp(secret).generate({ timestamp: now })
}
