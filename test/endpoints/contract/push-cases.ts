import { expect } from 'vitest'
import type { Driver } from '../../support/drivers.js'
import { form, json, redeem } from '../../support/requests.js'
import { type ContractCase, errorBody, type Vars, withExtraUsers } from './cases.js'
import {
  ANY_ID,
  associate,
  bearer,
  bobMfaToken,
  expectTokenKeys,
  PUSH,
  pollOob,
  SMS,
  UTF8,
} from './enrolment-support.js'

const ERIN_CODE = 'MZCRK3YX5V3AKNNYY6JEBQCL'
const PENDING = errorBody(
  'authorization_pending',
  'Authorization pending: please repeat the request in a few seconds.',
)
const REJECTED = errorBody('access_denied', 'MFA Authorization rejected.')
const BARCODE =
  /^otpauth:\/\/totp\/Dev%20Tenant:bob%40example\.com\?enrollment_tx_id=[A-Za-z0-9]{32}&base_url=https%3A%2F%2Fdev-tenant\.guardian\.local\.auth0\.com$/

/** The default tenant plus erin, whose only factor is a confirmed Guardian push. */
const withErin = (tenant: Parameters<typeof withExtraUsers>[1] = {}) =>
  withExtraUsers(
    [
      {
        user_id: 'auth0|erin',
        email: 'erin@example.com',
        password: 'Passw0rd!',
        mfa_required: true,
        authenticators: [{ id: 'push|dev_ErinPush00000001', type: 'push' }],
        recovery_code: ERIN_CODE,
      },
    ],
    tenant,
  )

/** A push challenge for erin: her mfa_token and the challenge's oob_code. */
async function erinChallenge(d: Driver, headers: Record<string, string> = {}): Promise<Vars> {
  const mfaToken = await d.emulator.issueMfaToken({ userId: 'auth0|erin', clientId: 'spa-client' })
  const res = await d.fetch(
    '/mfa/challenge',
    json({ client_id: 'spa-client', mfa_token: mfaToken, challenge_type: 'oob' }, headers),
  )
  const body = (await res.json()) as { oob_code: string }
  return { mfaToken, oobCode: body.oob_code, challenge: JSON.stringify(Object.keys(body)) }
}

/** Erin's push challenge, answered by the virtual phone with `answer`. */
const erinAnswered = (answer: (d: Driver) => void) => async (d: Driver) => {
  const v = await erinChallenge(d)
  answer(d)
  return v
}

/** A push enrolment of bob: his mfa_token and the associate's oob_code. */
async function bobPushEnrolment(d: Driver): Promise<Vars> {
  const mfaToken = await bobMfaToken(d)
  const answer = await associate(d, mfaToken, PUSH)
  return { mfaToken, oobCode: String(answer.oob_code), answer: JSON.stringify(answer) }
}

const poll = (v: Vars) => ({ init: pollOob(v.mfaToken ?? '', v.oobCode ?? '') })
const tokens = expectTokenKeys

/** Guardian push and the virtual phone (contract §13, push). */
export const PUSH_CONTRACT: ContractCase[] = [
  {
    name: 'enrols a Guardian push with the recorded barcode_uri shape and no binding_method',
    arrange: async (d) => ({ mfaToken: await bobMfaToken(d) }),
    request: (v) => ({ path: '/mfa/associate', init: bearer(v.mfaToken ?? '', json(PUSH)) }),
    status: 200,
    headers: UTF8,
    check: (body, _v, d) => {
      expect(Object.keys(body)).toEqual([
        'authenticator_type',
        'barcode_uri',
        'recovery_codes',
        'oob_channel',
        'oob_code',
      ])
      expect(body).toMatchObject({ authenticator_type: 'oob', oob_channel: 'auth0' })
      expect(body.barcode_uri).toMatch(BARCODE)
      expect(body.recovery_codes).toEqual([d.emulator.currentRecoveryCode('auth0|bob')])
      expect(d.emulator.push.pending().map((p) => [p.purpose, p.user_id])).toEqual([
        ['enrolment', 'auth0|bob'],
      ])
    },
  },
  {
    name: 'answers a later push associate in the recorded shape, without recovery_codes',
    arrange: async (d) => {
      const mfaToken = await bobMfaToken(d)
      await associate(d, mfaToken, SMS)
      return { mfaToken }
    },
    request: (v) => ({ path: '/mfa/associate', init: bearer(v.mfaToken ?? '', json(PUSH)) }),
    status: 200,
    check: (body) =>
      expect(Object.keys(body)).toEqual([
        'authenticator_type',
        'barcode_uri',
        'oob_channel',
        'oob_code',
      ]),
  },
  {
    name: 'answers the enrolment poll authorization_pending until the phone accepts',
    arrange: bobPushEnrolment,
    request: poll,
    status: 400,
    body: PENDING,
  },
  {
    name: 'confirms the push enrolment when the virtual phone accepts it, and the poll gets tokens',
    arrange: async (d) => {
      const v = await bobPushEnrolment(d)
      d.emulator.push.approve('auth0|bob')
      return v
    },
    request: poll,
    status: 200,
    check: async (body, _v, d) => {
      tokens(body)
      const mfaToken = await bobMfaToken(d)
      const res = await d.fetch('/mfa/authenticators', bearer(mfaToken))
      expect(await res.json()).toEqual([
        expect.objectContaining({ authenticator_type: 'recovery-code', active: true }),
        {
          id: expect.stringMatching(ANY_ID('push')),
          authenticator_type: 'oob',
          active: true,
          oob_channel: 'auth0',
          type: 'push-notification',
        },
      ])
    },
  },
  {
    name: 'challenges a push factor without binding_method and sends no message',
    emulator: withErin(),
    arrange: erinChallenge,
    request: () => ({ init: json({}) }),
    status: 400,
    check: (_body, v, d) => {
      expect(JSON.parse(v.challenge ?? '')).toEqual(['challenge_type', 'oob_code'])
      expect(d.emulator.messages('auth0|erin')).toEqual([])
      expect(d.emulator.push.pending()).toEqual([
        expect.objectContaining({ purpose: 'challenge', user_id: 'auth0|erin' }),
      ])
    },
  },
  {
    name: 'answers the push poll authorization_pending while the phone has not answered',
    emulator: withErin(),
    arrange: erinChallenge,
    request: poll,
    status: 400,
    body: PENDING,
  },
  {
    name: 'issues tokens once the virtual phone approves the push',
    emulator: withErin(),
    arrange: erinAnswered((d) => d.emulator.push.approve()),
    request: poll,
    status: 200,
    check: tokens,
  },
  {
    name: 'answers access_denied, for good, once the virtual phone rejects the push',
    emulator: withErin(),
    arrange: async (d) => {
      const v = await erinAnswered((driver) => driver.emulator.push.reject('auth0|erin'))(d)
      const first = await d.fetch('/oauth/token', pollOob(v.mfaToken ?? '', v.oobCode ?? ''))
      return { ...v, first: await first.text() }
    },
    request: poll,
    status: 400,
    body: REJECTED,
    check: (_body, v) => expect(v.first).toBe(REJECTED),
  },
  {
    name: 'answers slow_down to a poll sooner than tenant.push.poll_interval (assumption)',
    emulator: withErin({ push: { poll_interval: 5 } }),
    arrange: async (d) => {
      const v = await erinChallenge(d)
      await d.fetch('/oauth/token', pollOob(v.mfaToken ?? '', v.oobCode ?? ''))
      return v
    },
    request: poll,
    status: 400,
    body: errorBody('slow_down', 'You are polling faster than allowed. Try again in 5 seconds.'),
  },
  {
    name: 'approves every push at once under the push-approved scenario',
    emulator: withErin(),
    arrange: (d) => erinChallenge(d, { 'auth0-emulator-scenario': 'push-approved' }),
    request: poll,
    status: 200,
    check: tokens,
  },
  {
    name: 'rejects every push at once under the push-rejected scenario',
    emulator: withErin(),
    arrange: (d) => erinChallenge(d, { 'auth0-emulator-scenario': 'push-rejected' }),
    request: poll,
    status: 400,
    body: REJECTED,
  },
  {
    name: 'lists pending pushes and approves one through the control API',
    emulator: withErin(),
    arrange: async (d) => {
      const v = await erinChallenge(d)
      const [push] = (await (await d.fetch('/__emulator/pushes')).json()) as { id: string }[]
      const res = await d.fetch(`/__emulator/pushes/${push?.id}/approve`, { method: 'POST' })
      return {
        ...v,
        approved: await res.text(),
        pending: JSON.stringify(d.emulator.push.pending()),
      }
    },
    request: poll,
    status: 200,
    check: (body, v) => {
      tokens(body)
      expect(JSON.parse(v.approved ?? '')).toMatchObject({
        user_id: 'auth0|erin',
        status: 'approved',
      })
      expect(v.pending).toBe('[]')
    },
  },
  {
    name: 'answers 404 for an unknown push on the control API',
    request: () => ({ path: '/__emulator/pushes/nope/reject', init: { method: 'POST' } }),
    status: 404,
    check: (body) => expect(body.error).toBe('not_found'),
  },
  {
    name: 'redeems the recovery code of a user whose only factor is push',
    emulator: withErin(),
    arrange: async (d) => ({
      mfaToken: await d.emulator.issueMfaToken({ userId: 'auth0|erin', clientId: 'spa-client' }),
    }),
    request: (v) => ({ init: form(redeem(v.mfaToken ?? '', ERIN_CODE)) }),
    status: 200,
    check: (body) => expect(body.recovery_code).toMatch(/^[1-9A-HJ-NP-Z]{24}$/),
  },
]
