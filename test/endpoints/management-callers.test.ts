import { decodeJwt } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CURRENT_USER_SCOPES } from '../../src/contract/user-scopes.js'
import { createEmulator, ROUTE_TABLE } from '../../src/emulator.js'
import { BOTH_MODES, type Driver } from '../support/drivers.js'
import { ALICE_CODE, form, json, passwordLogin, redeem } from '../support/requests.js'
import {
  audienceOf,
  bearer,
  MGMT_HEADERS,
  mgmtError,
  userPath,
} from './contract/management-support.js'

const ALICE = 'auth0|alice'
const BOB = 'auth0|bob'
const CAROL = 'auth0|carol'

/** What carol asks for: Management scopes no user is ever granted, and one she may have. */
const CAROL_ASKS = 'update:users delete:guardian_enrollments read:users read:current_user'

/** The scope each /api/v2 route names when it refuses a token, keyed as the route table declares it. */
const EXPECTED_SCOPE: Record<string, string> = {
  'POST /api/v2/users/[^/]+/recovery-code-regeneration': 'update:users',
  'GET /api/v2/users/[^/]+/enrollments': 'read:users',
  'GET /api/v2/users/[^/]+/authentication-methods': 'read:authentication_methods',
  'DELETE /api/v2/users/[^/]+/authenticators': 'delete:guardian_enrollments',
}

const MANAGEMENT_ROUTES = createEmulator()
  [ROUTE_TABLE].filter((r) => r.path.startsWith('/api/v2/'))
  .map((r) => ({ key: `${r.method} ${r.path}`, method: r.method, path: r.path }))

/** The route's request for `userId`, as an SDK sends it (a POST carries `{}`). */
function callFor(r: (typeof MANAGEMENT_ROUTES)[number], userId: string, token: string) {
  const rest = r.path.replace('/api/v2/users/[^/]+', '')
  const init: RequestInit = r.method === 'POST' ? json({}) : { method: r.method }
  return { path: userPath(userId, rest), init: bearer(token, init) }
}

const refusal = (scope: string) =>
  mgmtError(403, 'Forbidden', `Insufficient scope, expected any of: ${scope}`, 'insufficient_scope')

/** A password login for the Management API audience; the token answer, or the mfa_required one. */
async function login(d: Driver, username: string, scope: string) {
  const res = await d.fetch(
    '/oauth/token',
    form(passwordLogin(username, { audience: audienceOf(d), scope })),
  )
  return { status: res.status, body: (await res.json()) as Record<string, string> }
}

/** Carol's token for the Management API audience (she has no MFA: the login answers it). */
async function carolToken(d: Driver) {
  const { status, body } = await login(d, 'carol@example.com', CAROL_ASKS)
  expect(status).toBe(200)
  return body
}

/** Alice's own token for the Management API audience with read:current_user, after MFA. */
async function aliceToken(d: Driver): Promise<string> {
  const { status, body } = await login(d, 'alice@example.com', 'update:users read:current_user')
  expect({ status, error: body.error }).toEqual({ status: 403, error: 'mfa_required' })
  const res = await d.fetch('/oauth/token', form(redeem(body.mfa_token ?? '', ALICE_CODE)))
  const answer = (await res.json()) as Record<string, string>
  expect(res.status).toBe(200)
  expect(answer.scope).toBe('read:current_user')
  return answer.access_token ?? ''
}

async function expectAnswer(
  d: Driver,
  call: { path: string; init: RequestInit },
  status: number,
  body: string,
) {
  const res = await d.fetch(call.path, call.init)
  expect({ status: res.status, body: await res.text() }).toEqual({ status, body })
  for (const [name, value] of Object.entries(MGMT_HEADERS)) {
    expect(res.headers.get(name), `header ${name}`).toBe(value)
  }
}

describe.each(BOTH_MODES)("a user's token for the Management API (%s)", (_mode, factory) => {
  let d: Driver
  beforeAll(async () => {
    d = await factory()
  })
  afterAll(() => d?.close())
  beforeEach(() => d.emulator.reset())

  it('knows the scope every /api/v2 route of the table refuses with', () => {
    expect(MANAGEMENT_ROUTES.map((r) => r.key)).toEqual(Object.keys(EXPECTED_SCOPE))
  })

  it('grants a user only the *:current_user* scopes asked for, never Management scopes', async () => {
    const body = await carolToken(d)
    expect(Object.keys(body)).toEqual(['access_token', 'scope', 'expires_in', 'token_type'])
    expect(body.scope).toBe('read:current_user')
    const payload = decodeJwt(body.access_token ?? '')
    expect(payload).toMatchObject({ sub: CAROL, aud: audienceOf(d), scope: 'read:current_user' })
    expect(payload.gty).toBeUndefined()
    for (const scope of String(payload.scope).split(' ')) {
      expect(CURRENT_USER_SCOPES.has(scope), scope).toBe(true)
    }
  })

  it('grants no Management scope through a refresh of a user token either', async () => {
    const { status, body } = await login(d, 'carol@example.com', `${CAROL_ASKS} offline_access`)
    expect({ status, scope: body.scope }).toEqual({
      status: 200,
      scope: 'read:current_user offline_access',
    })
    const res = await d.fetch(
      '/oauth/token',
      form({
        grant_type: 'refresh_token',
        client_id: 'spa-client',
        refresh_token: body.refresh_token ?? '',
      }),
    )
    const refreshed = (await res.json()) as Record<string, string>
    expect({ status: res.status, scope: refreshed.scope }).toEqual({
      status: 200,
      scope: 'read:current_user offline_access',
    })
    expect(decodeJwt(refreshed.access_token ?? '').scope).toBe('read:current_user offline_access')
  })

  for (const r of MANAGEMENT_ROUTES) {
    it(`refuses ${r.key} to a user's token for another user with 403 insufficient_scope`, async () => {
      const { access_token = '' } = await carolToken(d)
      const scope = EXPECTED_SCOPE[r.key] ?? `no expected scope for ${r.key}`
      await expectAnswer(d, callFor(r, ALICE, access_token), 403, refusal(scope))
    })
  }

  for (const r of MANAGEMENT_ROUTES.filter((r) => !r.key.includes('/enrollments'))) {
    it(`refuses ${r.key} to a user's token for their own id with 403 insufficient_scope`, async () => {
      const { access_token = '' } = await carolToken(d)
      const scope = EXPECTED_SCOPE[r.key] ?? `no expected scope for ${r.key}`
      await expectAnswer(d, callFor(r, CAROL, access_token), 403, refusal(scope))
    })
  }

  it('leaves alice her code and her authenticator after every refusal', async () => {
    const { access_token = '' } = await carolToken(d)
    for (const r of MANAGEMENT_ROUTES) {
      const call = callFor(r, ALICE, access_token)
      expect((await d.fetch(call.path, call.init)).status, r.key).toBe(403)
    }
    expect(d.emulator.currentRecoveryCode(ALICE)).toBe(ALICE_CODE)
    const mfaToken = await d.emulator.issueMfaToken({ userId: ALICE, clientId: 'spa-client' })
    const res = await d.fetch('/mfa/authenticators', bearer(mfaToken))
    expect(((await res.json()) as { id: string }[]).map((a) => a.id)).toContain(
      'totp|dev_BysUze2lgf7R1jtB',
    )
  })

  it("lists a user's own enrollments to their token with read:current_user", async () => {
    const token = await aliceToken(d)
    const res = await d.fetch(userPath(ALICE, '/enrollments'), bearer(token))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(MGMT_HEADERS['content-type'])
    const body = (await res.json()) as Record<string, unknown>[]
    expect(body).toEqual([
      {
        id: 'dev_BysUze2lgf7R1jtB',
        status: 'confirmed',
        type: 'authenticator',
        auth_method: 'authenticator',
        enrolled_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ])
    expect(Object.keys(body[0] ?? {})).toEqual([
      'id',
      'status',
      'type',
      'auth_method',
      'enrolled_at',
    ])
  })

  it("refuses another user's enrollments to a token with read:current_user", async () => {
    const token = await aliceToken(d)
    await expectAnswer(
      d,
      { path: userPath(BOB, '/enrollments'), init: bearer(token) },
      403,
      refusal('read:users'),
    )
  })

  it("lists carol's own (empty) enrollments to her token", async () => {
    const { access_token = '' } = await carolToken(d)
    await expectAnswer(
      d,
      { path: userPath(CAROL, '/enrollments'), init: bearer(access_token) },
      200,
      '[]',
    )
  })
})
