import { expect } from 'vitest'
import { form } from '../../support/requests.js'
import { type ContractCase, errorBody, withExtraUsers } from './cases.js'
import {
  ANY_ID,
  associate,
  bearer,
  bobMfaToken,
  confirmOtp,
  OTP,
  SMS,
  UTF8,
} from './enrolment-support.js'
import { MGMT_HEADERS, bearer as mgmtBearer, userPath, withToken } from './management-support.js'

const list = (token: string) => ({ path: '/mfa/authenticators', init: bearer(token) })

/** Enrols bob in SMS, then OTP twice, each pending (contract §13, enrolment lifecycle). */
async function threePending(d: Parameters<NonNullable<ContractCase['arrange']>>[0]) {
  const mfaToken = await bobMfaToken(d)
  const sms = await associate(d, mfaToken, SMS)
  const otp1 = await associate(d, mfaToken, OTP)
  const otp2 = await associate(d, mfaToken, OTP)
  return {
    mfaToken,
    firstCodes: JSON.stringify(sms.recovery_codes ?? null),
    laterKeys: `${Object.keys(otp1).join(',')} ${Object.keys(otp2).join(',')}`,
    secret: String(otp1.secret),
  }
}

/** `threePending`, then the first OTP enrolment confirmed; a fresh mfa_token to list with. */
async function confirmedOtp(d: Parameters<NonNullable<ContractCase['arrange']>>[0]) {
  const v = await threePending(d)
  await confirmOtp(d, v.mfaToken, v.secret)
  return { ...v, mfaToken: await bobMfaToken(d) }
}

/** The enrolment lifecycle as real traffic shows it (contract §13). */
export const ENROLMENT_CONTRACT: ContractCase[] = [
  {
    name: 'keeps several pending enrolments, each active:false without type, the recovery code inactive',
    arrange: threePending,
    request: (v) => list(v.mfaToken ?? ''),
    status: 200,
    headers: UTF8,
    check: (body) => {
      const entries = body as unknown as Record<string, unknown>[]
      expect(entries).toEqual([
        {
          id: expect.stringMatching(ANY_ID('recovery-code')),
          authenticator_type: 'recovery-code',
          active: false,
        },
        {
          id: expect.stringMatching(ANY_ID('sms')),
          authenticator_type: 'oob',
          active: false,
          oob_channel: 'sms',
          name: 'XXXXXXXXX9167',
        },
        { id: expect.stringMatching(ANY_ID('totp')), authenticator_type: 'otp', active: false },
        { id: expect.stringMatching(ANY_ID('totp')), authenticator_type: 'otp', active: false },
      ])
    },
  },
  {
    name: 'gives recovery_codes only in the answer to the first associate',
    arrange: threePending,
    request: (v) => list(v.mfaToken ?? ''),
    status: 200,
    check: (_body, v, d) => {
      expect(JSON.parse(v.firstCodes ?? '')).toEqual([d.emulator.currentRecoveryCode('auth0|bob')])
      expect(v.laterKeys).toBe(
        'authenticator_type,secret,barcode_uri authenticator_type,secret,barcode_uri',
      )
    },
  },
  {
    name: 'activates the recovery code and the confirmed factor, with type, and keeps the other pending ones (assumption)',
    arrange: confirmedOtp,
    request: (v) => list(v.mfaToken ?? ''),
    status: 200,
    headers: UTF8,
    check: (body) => {
      expect(body).toEqual([
        {
          id: expect.stringMatching(ANY_ID('recovery-code')),
          authenticator_type: 'recovery-code',
          active: true,
          type: 'recovery-code',
        },
        expect.objectContaining({ oob_channel: 'sms', active: false }),
        {
          id: expect.stringMatching(ANY_ID('totp')),
          authenticator_type: 'otp',
          active: true,
          type: 'otp',
        },
        { id: expect.stringMatching(ANY_ID('totp')), authenticator_type: 'otp', active: false },
      ])
    },
  },
  {
    name: 'drops the other pending enrolments on confirmation with pending_enrolments.on_confirm drop',
    emulator: withExtraUsers([], { pending_enrolments: { on_confirm: 'drop' } }),
    arrange: confirmedOtp,
    request: (v) => list(v.mfaToken ?? ''),
    status: 200,
    check: (body) =>
      expect((body as unknown as { active: boolean }[]).map((a) => a.active)).toEqual([true, true]),
  },
  {
    name: 'forgets a pending enrolment after pending_enrolments.lifetime',
    emulator: withExtraUsers([], { pending_enrolments: { lifetime: 300 } }),
    arrange: async (d) => {
      const v = await threePending(d)
      d.emulator.clock.advance(300_000)
      return v
    },
    request: (v) => list(v.mfaToken ?? ''),
    status: 200,
    check: (body) =>
      expect(
        (body as unknown as { authenticator_type: string }[]).map((a) => a.authenticator_type),
      ).toEqual(['recovery-code']),
  },
  {
    name: 'refuses the recovery code of a user whose enrolments are all pending (assumption)',
    arrange: threePending,
    request: (v) => ({
      init: form({
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
        client_id: 'spa-client',
        mfa_token: v.mfaToken ?? '',
        recovery_code: JSON.parse(v.firstCodes ?? '[]')[0] ?? '',
      }),
    }),
    status: 403,
    body: errorBody('invalid_grant', 'Invalid recovery_code.'),
  },
  {
    name: 'shows the Management API neither pending enrolments nor the recovery code behind them',
    arrange: async (d) => ({ ...(await threePending(d)), ...(await withToken()(d)) }),
    request: (v) => ({
      path: userPath('auth0|bob', '/authentication-methods'),
      init: mgmtBearer(v.token),
    }),
    status: 200,
    headers: MGMT_HEADERS,
    body: '[]',
  },
  {
    name: 'lists an active SMS factor as type phone with the recorded mask',
    emulator: withExtraUsers([
      {
        user_id: 'auth0|dave',
        email: 'dave@example.com',
        password: 'Passw0rd!',
        mfa_required: true,
        authenticators: [
          { id: 'sms|dev_0123456789abcdef', type: 'sms', phone_number: '+919876549167' },
          {
            id: 'email|dev_0123456789abcdeg',
            type: 'email',
            email: 'user@example.com',
            active: false,
          },
        ],
      },
    ]),
    arrange: async (d) => ({
      mfaToken: await d.emulator.issueMfaToken({ userId: 'auth0|dave', clientId: 'spa-client' }),
    }),
    request: (v) => list(v.mfaToken ?? ''),
    status: 200,
    headers: UTF8,
    body: '[{"id":"sms|dev_0123456789abcdef","authenticator_type":"oob","active":true,"oob_channel":"sms","name":"XXXXXXXXX9167","type":"phone"},{"id":"email|dev_0123456789abcdeg","authenticator_type":"oob","active":false,"oob_channel":"email","name":"****@exam*******"}]',
  },
]
