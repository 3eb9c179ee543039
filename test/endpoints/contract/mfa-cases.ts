import { decodeJwt } from 'jose'
import { expect } from 'vitest'
import defaultFixture from '../../../fixtures/default.json' with { type: 'json' }
import type { FixtureInput } from '../../../src/index.js'
import type { Driver } from '../../support/drivers.js'
import { ALICE_CODE, form, json, RECOVERY_CODE_FORMAT, redeem } from '../../support/requests.js'
import { type ContractCase, errorBody, type Vars, withExtraUsers } from './cases.js'
import { expectTokenKeys } from './enrolment-support.js'

const UTF8 = { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': null }
const bearer = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
})
const mfa = (path: string, init: RequestInit) => ({ path, init })
const bobToken = async (d: Driver): Promise<Vars> => ({
  mfaToken: await d.emulator.issueMfaToken({ userId: 'auth0|bob', clientId: 'spa-client' }),
})
const ID = /^(recovery-code|totp|sms|voice|email)\|dev_[A-Za-z0-9]{16}$/

const refreshTokenOf = async (d: Driver): Promise<Vars> => {
  const res = await d.fetch(
    '/oauth/token',
    form(
      redeem('mfa-token-alice-web', ALICE_CODE, {
        client_id: 'regular-web-app',
        client_secret: 'regular-web-app-secret',
      }),
    ),
  )
  const body = (await res.json()) as { refresh_token: string }
  return { refreshToken: body.refresh_token }
}
const refresh = (v: Vars, scope?: string) =>
  form({
    grant_type: 'refresh_token',
    client_id: 'regular-web-app',
    client_secret: 'regular-web-app-secret',
    refresh_token: v.refreshToken ?? '',
    ...(scope === undefined ? {} : { scope }),
  })

const ROTATING = {
  fixtures: {
    ...(defaultFixture as FixtureInput),
    clients: (defaultFixture.clients as NonNullable<FixtureInput['clients']>).map((c) =>
      c.client_id === 'regular-web-app'
        ? { ...c, refresh_token: { rotation_type: 'rotating' as const } }
        : c,
    ),
  },
}

/** A refresh token of a rotating client, and the one its first refresh replaced it with. */
const rotateOnce = async (d: Driver) => {
  const { refreshToken = '' } = await refreshTokenOf(d)
  const res = await d.fetch('/oauth/token', refresh({ refreshToken }))
  const body = (await res.json()) as { refresh_token?: string }
  if (!body.refresh_token || body.refresh_token === refreshToken)
    throw new Error('no rotated refresh token')
  return { first: { refreshToken }, second: { refreshToken: body.refresh_token } }
}

const MFA_API_INVALID = errorBody(
  'invalid_grant',
  'The mfa_token provided is invalid. Try getting a new token.',
)

/** The MFA API's audience as the default tenant names it (accepted on any host). */
export const MFA_AUDIENCE = 'https://dev-tenant.local/mfa/'

/**
 * An MFA-audience access token for alice: a password login for that audience answers
 * `mfa_required`, and her recovery code completes it. Also a fresh mfa_token and her new code.
 */
export async function mfaAccessToken(d: Driver, scope: string): Promise<Vars> {
  const login = await d.fetch(
    '/oauth/token',
    form({
      grant_type: 'password',
      username: 'alice@example.com',
      password: 'Passw0rd!',
      client_id: 'spa-client',
      audience: MFA_AUDIENCE,
      scope,
    }),
  )
  const { mfa_token } = (await login.json()) as { mfa_token: string }
  const res = await d.fetch('/oauth/token', form(redeem(mfa_token, ALICE_CODE)))
  const body = (await res.json()) as Record<string, string | number>
  if (res.status !== 200) throw new Error(`arrange failed: ${res.status} ${JSON.stringify(body)}`)
  return {
    accessToken: String(body.access_token),
    expiresIn: String(body.expires_in),
    newCode: String(body.recovery_code),
    mfaToken: await d.emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' }),
  }
}

/** The MFA API around the grant, and the other MFA grants. */
export const MFA_CONTRACT: ContractCase[] = [
  {
    name: 'lists authenticators as a bare array, recovery code first, in the 2026 shape',
    request: () => mfa('/mfa/authenticators', bearer('mfa-token-alice')),
    status: 200,
    headers: UTF8,
    check: (body) => {
      expect(body).toEqual([
        {
          id: expect.stringMatching(ID),
          authenticator_type: 'recovery-code',
          active: true,
          type: 'recovery-code',
        },
        { id: 'totp|dev_BysUze2lgf7R1jtB', authenticator_type: 'otp', active: true, type: 'otp' },
      ])
      expect(Object.keys((body as unknown as Record<string, unknown>[])[0] ?? {})).toEqual([
        'id',
        'authenticator_type',
        'active',
        'type',
      ])
    },
  },
  {
    name: 'lists no recovery-code authenticator when recovery codes are disabled',
    request: () =>
      mfa(
        '/mfa/authenticators',
        bearer('mfa-token-alice', {
          headers: { 'auth0-emulator-scenario': 'recovery-codes-disabled' },
        }),
      ),
    status: 200,
    headers: UTF8,
    body: '[{"id":"totp|dev_BysUze2lgf7R1jtB","authenticator_type":"otp","active":true,"type":"otp"}]',
  },
  {
    name: 'requires the mfa_token as a bearer token on /mfa/authenticators',
    request: () => mfa('/mfa/authenticators', {}),
    status: 401,
    headers: UTF8,
    body: errorBody(
      'unauthorized',
      'Missing authorization header; send Authorization: Bearer <mfa_token>',
    ),
  },
  {
    name: 'refuses an expired mfa_token on /mfa/authenticators',
    request: () => mfa('/mfa/authenticators', bearer('mfa-token-alice-expired')),
    status: 403,
    headers: UTF8,
    body: errorBody('expired_token', 'mfa_token is expired'),
  },
  {
    name: 'refuses an unknown mfa_token on /mfa/authenticators',
    request: () => mfa('/mfa/authenticators', bearer('nope')),
    status: 401,
    headers: UTF8,
    body: MFA_API_INVALID,
  },
  {
    name: 'enrols a first OTP factor with a real secret, an otpauth URI and one recovery code',
    arrange: bobToken,
    request: (v) =>
      mfa('/mfa/associate', bearer(v.mfaToken ?? '', json({ authenticator_types: ['otp'] }))),
    status: 200,
    headers: UTF8,
    check: (body, _v, d) => {
      expect(Object.keys(body)).toEqual([
        'authenticator_type',
        'secret',
        'barcode_uri',
        'recovery_codes',
      ])
      expect(body.secret).toMatch(/^[A-Z2-7]{32}$/)
      expect(body.barcode_uri).toBe(
        `otpauth://totp/Dev%20Tenant:bob%40example.com?secret=${body.secret}&issuer=Dev%20Tenant&algorithm=SHA1&digits=6&period=30`,
      )
      expect(body.recovery_codes).toEqual([d.emulator.currentRecoveryCode('auth0|bob')])
      expect((body.recovery_codes as string[])[0]).toMatch(RECOVERY_CODE_FORMAT)
    },
  },
  {
    name: 'enrols an SMS factor in Auth0 key order',
    arrange: bobToken,
    request: (v) =>
      mfa(
        '/mfa/associate',
        bearer(
          v.mfaToken ?? '',
          json({
            authenticator_types: ['oob'],
            oob_channels: ['sms'],
            phone_number: '+14155550123',
          }),
        ),
      ),
    status: 200,
    headers: UTF8,
    check: (body) => {
      expect(Object.keys(body)).toEqual([
        'authenticator_type',
        'binding_method',
        'recovery_codes',
        'oob_channel',
        'oob_code',
      ])
      expect(body).toMatchObject({
        authenticator_type: 'oob',
        binding_method: 'prompt',
        oob_channel: 'sms',
      })
    },
  },
  {
    name: 'gives no recovery code on enrolment when recovery codes are disabled',
    emulator: withExtraUsers([], { recovery_codes: 'disabled' }),
    arrange: bobToken,
    request: (v) =>
      mfa('/mfa/associate', bearer(v.mfaToken ?? '', json({ authenticator_types: ['otp'] }))),
    status: 200,
    headers: UTF8,
    check: (body, _v, d) => {
      expect(Object.keys(body)).toEqual(['authenticator_type', 'secret', 'barcode_uri'])
      expect(d.emulator.currentRecoveryCode('auth0|bob')).toBeNull()
    },
  },
  {
    name: 'gives no recovery code on enrolment under the recovery-codes-disabled scenario',
    arrange: bobToken,
    request: (v) =>
      mfa(
        '/mfa/associate',
        bearer(
          v.mfaToken ?? '',
          json(
            { authenticator_types: ['otp'] },
            { 'auth0-emulator-scenario': 'recovery-codes-disabled' },
          ),
        ),
      ),
    status: 200,
    headers: UTF8,
    check: (body) =>
      expect(Object.keys(body)).toEqual(['authenticator_type', 'secret', 'barcode_uri']),
  },
  {
    name: 'refuses to enrol a user who already has an active factor',
    request: () =>
      mfa('/mfa/associate', bearer('mfa-token-alice', json({ authenticator_types: ['otp'] }))),
    status: 403,
    headers: UTF8,
    body: errorBody('access_denied', 'User is already enrolled.'),
  },
  {
    name: 'requires a phone number for an SMS enrolment',
    arrange: bobToken,
    request: (v) =>
      mfa(
        '/mfa/associate',
        bearer(v.mfaToken ?? '', json({ authenticator_types: ['oob'], oob_channels: ['sms'] })),
      ),
    status: 400,
    headers: UTF8,
    body: errorBody('invalid_request', 'Missing required parameter: phone_number'),
  },
  {
    name: 'refuses an unknown authenticator type',
    arrange: bobToken,
    request: (v) =>
      mfa('/mfa/associate', bearer(v.mfaToken ?? '', json({ authenticator_types: ['webauthn'] }))),
    status: 400,
    headers: UTF8,
    body: errorBody('invalid_request', 'authenticator_types must be [\\"otp\\"] or [\\"oob\\"]'),
  },
  {
    name: 'challenges an OTP factor',
    request: () =>
      mfa(
        '/mfa/challenge',
        json({ client_id: 'spa-client', mfa_token: 'mfa-token-alice', challenge_type: 'otp' }),
      ),
    status: 200,
    headers: UTF8,
    body: '{"challenge_type":"otp"}',
  },
  {
    name: 'refuses an OOB challenge for a user without an OOB factor',
    request: () =>
      mfa(
        '/mfa/challenge',
        json({ client_id: 'spa-client', mfa_token: 'mfa-token-alice', challenge_type: 'oob' }),
      ),
    status: 401,
    headers: UTF8,
    body: errorBody(
      'unsupported_challenge_type',
      'User does not have any enrolled authenticator with the supported challenge type (oob)',
    ),
  },
  {
    name: 'refuses a challenge with an mfa_token of another client',
    request: () =>
      mfa(
        '/mfa/challenge',
        json({
          client_id: 'regular-web-app',
          client_secret: 'regular-web-app-secret',
          mfa_token: 'mfa-token-alice',
          challenge_type: 'otp',
        }),
      ),
    status: 400,
    headers: UTF8,
    body: errorBody('invalid_request', 'mfa_token not issued to this client'),
  },
  {
    name: 'deletes the recovery-code authenticator, after which the grant refuses codes',
    arrange: async (d) => {
      const vars = await mfaAccessToken(d, 'openid read:authenticators remove:authenticators')
      const res = await d.fetch('/mfa/authenticators', bearer(vars.accessToken ?? ''))
      const [recovery] = (await res.json()) as { id: string }[]
      const del = await d.fetch(
        `/mfa/authenticators/${encodeURIComponent(recovery?.id ?? '')}`,
        bearer(vars.accessToken ?? '', { method: 'DELETE' }),
      )
      if (del.status !== 204 || (await del.text()) !== '')
        throw new Error(`delete answered ${del.status}`)
      return vars
    },
    request: (v) => ({ init: form(redeem(v.mfaToken ?? '', v.newCode ?? '')) }),
    status: 403,
    body: errorBody('invalid_grant', 'Invalid recovery_code.'),
  },
  {
    name: 'answers DELETE /mfa/authenticators/{id} with 204, no body and no Content-Type',
    arrange: (d) => mfaAccessToken(d, 'remove:authenticators'),
    request: (v) =>
      mfa(
        '/mfa/authenticators/totp%7Cdev_BysUze2lgf7R1jtB',
        bearer(v.accessToken ?? '', { method: 'DELETE' }),
      ),
    status: 204,
    headers: { 'content-type': null },
    body: '',
  },
  {
    name: 'answers 404 when deleting an unknown authenticator',
    arrange: (d) => mfaAccessToken(d, 'remove:authenticators'),
    request: (v) =>
      mfa('/mfa/authenticators/totp%7Cdev_nope', bearer(v.accessToken ?? '', { method: 'DELETE' })),
    status: 404,
    headers: UTF8,
    body: errorBody('not_found', 'Authenticator not found'),
  },
  {
    name: 'refuses an mfa_token on DELETE /mfa/authenticators/{id}',
    request: () =>
      mfa(
        '/mfa/authenticators/totp%7Cdev_BysUze2lgf7R1jtB',
        bearer('mfa-token-alice', { method: 'DELETE' }),
      ),
    status: 401,
    headers: UTF8,
    body: MFA_API_INVALID,
  },
  {
    name: 'refuses DELETE with an MFA access token that lacks remove:authenticators',
    arrange: (d) => mfaAccessToken(d, 'openid read:authenticators'),
    request: (v) =>
      mfa(
        '/mfa/authenticators/totp%7Cdev_BysUze2lgf7R1jtB',
        bearer(v.accessToken ?? '', { method: 'DELETE' }),
      ),
    status: 403,
    headers: UTF8,
    body: errorBody('access_denied', 'Insufficient scope'),
  },
  {
    name: 'issues an MFA API access token valid 600 s whatever the tenant lifetime',
    arrange: (d) => mfaAccessToken(d, 'openid enroll read:authenticators remove:authenticators'),
    request: (v) => mfa('/mfa/authenticators', bearer(v.accessToken ?? '')),
    status: 200,
    headers: UTF8,
    check: (body, v) => {
      expect(v.expiresIn).toBe('600')
      const claims = decodeJwt(v.accessToken ?? '')
      expect(claims.aud).toEqual([MFA_AUDIENCE, expect.stringMatching(/\/userinfo$/)])
      expect(Number(claims.exp) - Number(claims.iat)).toBe(600)
      expect(claims.scope).toBe('openid enroll read:authenticators remove:authenticators')
      expect((body as unknown as { type: string }[]).map((a) => a.type)).toEqual([
        'recovery-code',
        'otp',
      ])
    },
  },
  {
    name: 'refuses an MFA access token without read:authenticators on the list',
    arrange: (d) => mfaAccessToken(d, 'openid enroll'),
    request: (v) => mfa('/mfa/authenticators', bearer(v.accessToken ?? '')),
    status: 403,
    headers: UTF8,
    body: errorBody('access_denied', 'Insufficient scope'),
  },
  {
    name: 'lets an MFA access token with enroll add a second factor, without a recovery code',
    arrange: (d) => mfaAccessToken(d, 'enroll'),
    request: (v) =>
      mfa(
        '/mfa/associate',
        bearer(
          v.accessToken ?? '',
          json({ authenticator_types: ['oob'], oob_channels: ['email'] }),
        ),
      ),
    status: 200,
    headers: UTF8,
    check: (body) => {
      expect(Object.keys(body)).toEqual([
        'authenticator_type',
        'binding_method',
        'oob_channel',
        'oob_code',
      ])
    },
  },
  {
    name: 'refuses a wrong OTP on the mfa-otp grant',
    request: () => ({
      init: form({
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
        client_id: 'spa-client',
        mfa_token: 'mfa-token-alice',
        otp: '000000',
      }),
    }),
    status: 403,
    body: errorBody('invalid_grant', 'Invalid otp_code.'),
  },
  {
    name: 'requires otp on the mfa-otp grant',
    request: () => ({
      init: form({
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
        client_id: 'spa-client',
        mfa_token: 'mfa-token-alice',
      }),
    }),
    status: 400,
    body: errorBody('invalid_request', 'Missing required parameter: otp'),
  },
  {
    name: 'refuses an unknown oob_code on the mfa-oob grant',
    request: () => ({
      init: form({
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob',
        client_id: 'spa-client',
        mfa_token: 'mfa-token-alice',
        oob_code: 'nope',
        binding_code: '123456',
      }),
    }),
    status: 403,
    body: errorBody('invalid_grant', 'Invalid oob_code.'),
  },
  {
    name: 'refreshes tokens without a new refresh token for a non-rotating client',
    arrange: refreshTokenOf,
    request: (v) => ({ init: refresh(v) }),
    status: 200,
    check: (body) => {
      expectTokenKeys(body)
      expect(decodeJwt(String(body.id_token)).sub).toBe('auth0|alice')
    },
  },
  {
    name: 'narrows the scope of a refresh as recorded',
    arrange: refreshTokenOf,
    request: (v) => ({ init: refresh(v, 'openid profile offline_access') }),
    status: 200,
    check: (body) => expect(body.scope).toBe('openid profile offline_access'),
  },
  {
    name: 'refuses a refresh asking for a scope the original grant lacked (assumption)',
    arrange: refreshTokenOf,
    request: (v) => ({ init: refresh(v, 'openid read:admin') }),
    status: 400,
    body: errorBody(
      'invalid_scope',
      'The requested scope exceeds the scope originally granted: read:admin',
    ),
  },
  {
    name: 'answers a password grant without audience and with no OIDC scope without a scope key',
    request: () => ({
      init: form({
        grant_type: 'password',
        username: 'carol@example.com',
        password: 'Passw0rd!',
        client_id: 'spa-client',
        scope: 'extra-scope',
      }),
    }),
    status: 200,
    check: (body) =>
      expect(Object.keys(body)).toEqual(['access_token', 'expires_in', 'token_type']),
  },
  {
    name: 'refuses an unknown refresh token',
    request: () => ({ init: refresh({ refreshToken: 'nope' }) }),
    status: 403,
    body: errorBody('invalid_grant', 'Unknown or invalid refresh token.'),
  },
  {
    name: 'answers a refresh with mfa_required for step-up',
    arrange: refreshTokenOf,
    request: (v) => ({
      init: {
        ...refresh(v),
        headers: {
          ...(refresh(v).headers as Record<string, string>),
          'auth0-emulator-scenario': 'mfa-required-on-refresh',
        },
      },
    }),
    status: 403,
    check: (body) => {
      expect(Object.keys(body)).toEqual(['error', 'error_description', 'mfa_token'])
      expect(body.error).toBe('mfa_required')
    },
  },
  {
    name: 'rotates refresh tokens for a rotating client',
    emulator: ROTATING,
    arrange: async (d) => (await rotateOnce(d)).first,
    request: (v) => ({ init: refresh(v) }),
    status: 403,
    body: errorBody('invalid_grant', 'Unknown or invalid refresh token.'),
  },
  {
    name: 'revokes the token that replaced a rotated refresh token once the rotated one is replayed',
    emulator: ROTATING,
    arrange: async (d) => {
      const { first, second } = await rotateOnce(d)
      const replay = await d.fetch('/oauth/token', refresh(first))
      if (replay.status !== 403) throw new Error(`replay answered ${replay.status}`)
      return second
    },
    request: (v) => ({ init: refresh(v) }),
    status: 403,
    body: errorBody('invalid_grant', 'Unknown or invalid refresh token.'),
  },
  {
    name: "sends mfa_requirements from the user's factors when the tenant asks for them",
    emulator: withExtraUsers([], { mfa_requirements: 'auto' }),
    request: () => ({
      init: form({
        grant_type: 'password',
        username: 'alice@example.com',
        password: 'Passw0rd!',
        client_id: 'spa-client',
      }),
    }),
    status: 403,
    check: (body) => {
      expect(Object.keys(body)).toEqual([
        'error',
        'error_description',
        'mfa_token',
        'mfa_requirements',
      ])
      expect(body.mfa_requirements).toEqual({
        challenge: [{ type: 'otp' }, { type: 'recovery-code' }],
      })
    },
  },
  {
    name: 'asks a user without factors to enrol in mfa_requirements',
    emulator: withExtraUsers([], { mfa_requirements: 'auto' }),
    request: () => ({
      init: form({
        grant_type: 'password',
        username: 'bob@example.com',
        password: 'Passw0rd!',
        client_id: 'spa-client',
      }),
    }),
    status: 403,
    check: (body) => expect(body.mfa_requirements).toEqual({ enroll: [{ type: 'otp' }] }),
  },
]
