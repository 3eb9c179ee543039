import { expect } from 'vitest'
import type { Driver } from '../../support/drivers.js'
import { ALICE_CODE, form, json, RECOVERY_CODE_FORMAT, redeem } from '../../support/requests.js'
import type { ContractCase } from './cases.js'
import {
  bearer,
  MGMT_HEADERS,
  mgmtError,
  userPath,
  withFixture,
  withToken,
} from './management-support.js'

const api = (path: string, init: RequestInit) => ({ path, init })
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
const METHODS = userPath('auth0|alice', '/authentication-methods')

// A user with a phone and an email factor, to show masking on reads.
const DAVE = {
  user_id: 'auth0|dave',
  email: 'dave@example.com',
  password: 'Passw0rd!',
  mfa_required: true,
  authenticators: [
    { id: 'sms|dev_DavePhone0000001', type: 'sms' as const, phone_number: '+14155555044' },
    { id: 'email|dev_DaveEmail000001', type: 'email' as const, email: 'test@example.com' },
  ],
}

/** Logs `username` in and answers the status and error of the password grant. */
async function login(d: Driver, username: string) {
  const res = await d.fetch(
    '/oauth/token',
    form({ grant_type: 'password', client_id: 'spa-client', username, password: 'Passw0rd!' }),
  )
  return { status: res.status, ...((await res.json()) as { error?: string; mfa_token?: string }) }
}

/** Reads, pages and the MFA reset of the Management API slice. */
export const MANAGEMENT_READ_CONTRACT: ContractCase[] = [
  {
    name: "lists a user's first confirmed Guardian enrolment",
    arrange: withToken(),
    request: (v) => api(userPath('auth0|alice', '/enrollments'), bearer(v.token)),
    status: 200,
    headers: MGMT_HEADERS,
    check: (body) => {
      const list = body as unknown as Record<string, unknown>[]
      expect(list).toEqual([
        {
          id: 'dev_BysUze2lgf7R1jtB',
          status: 'confirmed',
          type: 'authenticator',
          auth_method: 'authenticator',
          enrolled_at: expect.stringMatching(ISO),
        },
      ])
      expect(Object.keys(list[0] ?? {})).toEqual([
        'id',
        'status',
        'type',
        'auth_method',
        'enrolled_at',
      ])
    },
  },
  {
    name: 'lists no enrolment for a user without MFA as [] with Content-Length 2',
    arrange: withToken(),
    request: (v) => api(userPath('auth0|bob', '/enrollments'), bearer(v.token)),
    status: 200,
    headers: { ...MGMT_HEADERS, 'content-length': '2' },
    body: '[]',
  },
  {
    name: 'refuses enrollments to a token without read:users',
    arrange: withToken('update:users'),
    request: (v) => api(userPath('auth0|alice', '/enrollments'), bearer(v.token)),
    status: 403,
    headers: MGMT_HEADERS,
    body: mgmtError(
      403,
      'Forbidden',
      'Insufficient scope, expected any of: read:users',
      'insufficient_scope',
    ),
  },
  {
    name: 'lists authentication methods as a bare array, the recovery code first',
    arrange: withToken(),
    request: (v) => api(METHODS, bearer(v.token)),
    status: 200,
    headers: MGMT_HEADERS,
    check: (body) => {
      const list = body as unknown as Record<string, unknown>[]
      expect(list).toEqual([
        {
          id: expect.stringMatching(/^recovery-code\|dev_[A-Za-z0-9]{16}$/),
          type: 'recovery-code',
          confirmed: true,
          created_at: expect.stringMatching(ISO),
        },
        {
          id: 'totp|dev_BysUze2lgf7R1jtB',
          type: 'totp',
          confirmed: true,
          created_at: expect.stringMatching(ISO),
        },
      ])
      expect(Object.keys(list[0] ?? {})).toEqual(['id', 'type', 'confirmed', 'created_at'])
    },
  },
  {
    name: 'masks phone numbers and emails in authentication methods',
    emulator: withFixture([], {}, [DAVE]),
    arrange: withToken(),
    request: (v) => api(userPath('auth0|dave', '/authentication-methods'), bearer(v.token)),
    status: 200,
    headers: MGMT_HEADERS,
    check: (body) => {
      const [phone, email] = body as unknown as Record<string, unknown>[]
      expect(Object.keys(phone ?? {})).toEqual([
        'id',
        'type',
        'confirmed',
        'phone_number',
        'created_at',
        'preferred_authentication_method',
        'authentication_methods',
      ])
      expect(phone).toMatchObject({
        id: 'phone|dev_DavePhone0000001',
        type: 'phone',
        phone_number: 'XXXXXXXX5044',
        preferred_authentication_method: 'sms',
        authentication_methods: [{ id: 'sms|dev_DavePhone0000001', type: 'sms' }],
      })
      expect(Object.keys(email ?? {})).toEqual(['id', 'type', 'confirmed', 'email', 'created_at'])
      expect(email).toMatchObject({ type: 'email', email: '****@exam*******' })
    },
  },
  {
    name: 'masks emails in authentication methods as recorded (contract 13)',
    emulator: withFixture([], {}, [
      {
        user_id: 'auth0|chuck',
        email: 'chuck334@example.com',
        password: 'Passw0rd!',
        authenticators: [
          { id: 'email|dev_ChuckEmail000001', type: 'email', email: 'chuck334@example.com' },
          { id: 'email|dev_ChuckEmail000002', type: 'email', email: 'foo@example.com' },
        ],
      },
    ]),
    arrange: withToken(),
    request: (v) => api(userPath('auth0|chuck', '/authentication-methods'), bearer(v.token)),
    status: 200,
    headers: MGMT_HEADERS,
    check: (body) =>
      expect((body as unknown as { email: string }[]).map((m) => m.email)).toEqual([
        'chuc****@exam*******',
        '****@exam*******',
      ]),
  },
  {
    name: 'pages authentication methods with include_totals',
    arrange: withToken(),
    request: (v) => api(`${METHODS}?include_totals=true&page=1&per_page=1`, bearer(v.token)),
    status: 200,
    headers: MGMT_HEADERS,
    check: (body) => {
      expect(Object.keys(body)).toEqual(['authenticators', 'total', 'start', 'limit'])
      expect(body).toMatchObject({ total: 2, start: 1, limit: 1 })
      expect((body.authenticators as { type: string }[]).map((a) => a.type)).toEqual(['totp'])
    },
  },
  {
    name: 'leaves total out of an empty include_totals page',
    arrange: withToken(),
    request: (v) =>
      api(userPath('auth0|bob', '/authentication-methods?include_totals=true'), bearer(v.token)),
    status: 200,
    headers: MGMT_HEADERS,
    body: '{"authenticators":[],"start":0,"limit":50}',
  },
  {
    name: 'refuses per_page above 100',
    arrange: withToken(),
    request: (v) => api(`${METHODS}?per_page=101`, bearer(v.token)),
    status: 400,
    headers: MGMT_HEADERS,
    body: mgmtError(
      400,
      'Bad Request',
      "Query validation error: 'Value 101 is greater than maximum 100' on property per_page (Number of results per page. Default is 50).",
      'invalid_query_string',
    ),
  },
  {
    name: 'refuses authentication methods to a token without read:authentication_methods',
    arrange: withToken('read:users'),
    request: (v) => api(METHODS, bearer(v.token)),
    status: 403,
    headers: MGMT_HEADERS,
    body: mgmtError(
      403,
      'Forbidden',
      'Insufficient scope, expected any of: read:authentication_methods',
      'insufficient_scope',
    ),
  },
  {
    name: 'deletes every authenticator and the recovery code with 204; the user must enrol again',
    arrange: withToken(),
    request: (v) =>
      api(userPath('auth0|alice', '/authenticators'), bearer(v.token, { method: 'DELETE' })),
    status: 204,
    headers: MGMT_HEADERS,
    body: '',
    check: async (_body, _v, d) => {
      expect(d.emulator.currentRecoveryCode('auth0|alice')).toBeNull()
      const mfaToken = await d.emulator.issueMfaToken({
        userId: 'auth0|alice',
        clientId: 'spa-client',
      })
      const old = await d.fetch('/oauth/token', form(redeem(mfaToken, ALICE_CODE)))
      expect(old.status).toBe(403)
      const { status, error, mfa_token = '' } = await login(d, 'alice@example.com')
      expect([status, error]).toEqual([403, 'mfa_required'])
      const res = await d.fetch(
        '/mfa/associate',
        json({ authenticator_types: ['otp'] }, { authorization: `Bearer ${mfa_token}` }),
      )
      const enrolled = (await res.json()) as { recovery_codes?: string[] }
      expect(res.status).toBe(200)
      expect(enrolled.recovery_codes?.[0]).toMatch(RECOVERY_CODE_FORMAT)
      expect(enrolled.recovery_codes).toEqual([d.emulator.currentRecoveryCode('auth0|alice')])
    },
  },
  {
    name: 'refuses deleting authenticators to a token without delete:guardian_enrollments',
    arrange: withToken('read:users update:users'),
    request: (v) =>
      api(userPath('auth0|alice', '/authenticators'), bearer(v.token, { method: 'DELETE' })),
    status: 403,
    headers: MGMT_HEADERS,
    body: mgmtError(
      403,
      'Forbidden',
      'Insufficient scope, expected any of: delete:guardian_enrollments',
      'insufficient_scope',
    ),
  },
]
