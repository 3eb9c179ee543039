import type { Driver } from './drivers.js'

export const RECOVERY_GRANT = 'http://auth0.com/oauth/grant-type/mfa-recovery-code'
export const ALICE_CODE = 'K6LGLV3RSH3VERMKET8L7QKU'
export const RECOVERY_CODE_FORMAT = /^[123456789ABCDEFGHJKLMNPQRSTUVWXYZ]{24}$/

/** A form-encoded body, as most Auth0 SDKs send it. */
export function form(
  params: Record<string, string>,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  }
}

/** A JSON body, as auth0-spa-js sends it. */
export function json(
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(params),
  }
}

/** A recovery-code grant request for the public SPA client. */
export function redeem(mfaToken: string, recoveryCode: string, extra: Record<string, string> = {}) {
  return {
    grant_type: RECOVERY_GRANT,
    client_id: 'spa-client',
    mfa_token: mfaToken,
    recovery_code: recoveryCode,
    ...extra,
  }
}

/** A password-grant request for the public SPA client (every fixture user's password). */
export function passwordLogin(username: string, extra: Record<string, string> = {}) {
  return {
    grant_type: 'password',
    client_id: 'spa-client',
    username,
    password: 'Passw0rd!',
    ...extra,
  }
}

/** Logs alice in with her password and returns the mfa_token of the `mfa_required` answer. */
export async function loginForMfaToken(
  driver: Driver,
  clientId = 'spa-client',
  extra: Record<string, string> = {},
) {
  const res = await driver.fetch(
    '/oauth/token',
    form(
      passwordLogin('alice@example.com', {
        client_id: clientId,
        scope: 'openid profile email',
        ...extra,
      }),
    ),
  )
  const body = (await res.json()) as { error?: string; mfa_token?: string }
  if (res.status !== 403 || body.error !== 'mfa_required' || !body.mfa_token) {
    throw new Error(`expected mfa_required, got ${res.status} ${JSON.stringify(body)}`)
  }
  return body.mfa_token
}
