import { expect } from 'vitest'
import { currentTotp } from '../../../src/tokens/totp.js'
import type { Driver } from '../../support/drivers.js'
import { form, json } from '../../support/requests.js'

export const UTF8 = { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': null }
export const OOB_GRANT = 'http://auth0.com/oauth/grant-type/mfa-oob'
export const ANY_ID = (kind: string) => new RegExp(`^${kind}\\|dev_[A-Za-z0-9]{16}$`)

/** `init` with `Authorization: Bearer token`. */
export const bearer = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
})

/** A fresh mfa_token of bob (MFA required, nothing enrolled) for the SPA client. */
export const bobMfaToken = (d: Driver) =>
  d.emulator.issueMfaToken({ userId: 'auth0|bob', clientId: 'spa-client' })

export const SMS = {
  authenticator_types: ['oob'],
  oob_channels: ['sms'],
  phone_number: '+919876549167',
}
export const PUSH = { authenticator_types: ['oob'], oob_channels: ['auth0'] }
export const OTP = { authenticator_types: ['otp'] }

/** `POST /mfa/associate` with `body`; throws unless it answers 200. */
export async function associate(d: Driver, token: string, body: Record<string, unknown>) {
  const res = await d.fetch('/mfa/associate', bearer(token, json(body)))
  const answer = (await res.json()) as Record<string, unknown>
  if (res.status !== 200) throw new Error(`associate: ${res.status} ${JSON.stringify(answer)}`)
  return answer
}

/** Confirms an OTP enrolment with the mfa-otp grant, as an authenticator app's first code does. */
export async function confirmOtp(d: Driver, token: string, secret: string) {
  const res = await d.fetch(
    '/oauth/token',
    form({
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
      client_id: 'spa-client',
      mfa_token: token,
      otp: currentTotp(secret, d.emulator.clock.now()),
    }),
  )
  if (res.status !== 200) throw new Error(`mfa-otp: ${res.status} ${await res.text()}`)
}

/** An mfa-oob grant for the SPA client, without a binding code (push polling). */
export const pollOob = (token: string, oobCode: string) =>
  form({ grant_type: OOB_GRANT, client_id: 'spa-client', mfa_token: token, oob_code: oobCode })

/** Asserts a token answer with an ID token and a scope, keys in Auth0's order. */
export const expectTokenKeys = (body: Record<string, unknown>) =>
  expect(Object.keys(body)).toEqual([
    'access_token',
    'id_token',
    'scope',
    'expires_in',
    'token_type',
  ])
