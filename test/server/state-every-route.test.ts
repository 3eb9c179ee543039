import { expect, it } from 'vitest'
import { createEmulator, ROUTE_TABLE } from '../../src/emulator.js'
import type { CliProcess } from '../support/cli.js'
import { ALICE_CODE, form, json, redeem } from '../support/requests.js'
import { cliOn, redeemAs, tempStatePath } from '../support/state-disk.js'

// Each test starts the built CLI twice on one state file; a start may take long on a busy machine
// (readyUrl waits 60 s, and fails at once when the process exits).
const TIMEOUT_MS = 180_000

/** A running CLI and what the case learnt of it. */
interface Session {
  url: string
  /** The issuer the CLI signs with, from its discovery document. */
  issuer: string
}

/**
 * How to change state through one route: `arrange` (optional) brings the user to where the route
 * makes a visible difference, `change` calls the route, `read` shows the part of the state it
 * changes (the same read before and after the restart).
 */
interface StateCase {
  arrange?(s: Session): Promise<void>
  change(s: Session): Promise<void>
  read(s: Session): Promise<unknown>
}

const ALICE = 'auth0|alice'
const BOB = 'auth0|bob'
const ALICE_TOTP = 'totp|dev_BysUze2lgf7R1jtB'

async function ok(res: Response, status: number): Promise<unknown> {
  const text = await res.text()
  expect({ status: res.status, text }).toMatchObject({ status })
  return text ? JSON.parse(text) : undefined
}

/** The control API's view of a user, without what a restart rightly forgets (attempts). */
async function userView(s: Session, userId: string) {
  const res = await fetch(`${s.url}/__emulator/users/${encodeURIComponent(userId)}`)
  const { attempts_remaining: _attempts, ...view } = (await ok(res, 200)) as Record<string, unknown>
  return view
}

async function issuerOf(url: string): Promise<string> {
  const res = await fetch(`${url}/.well-known/openid-configuration`)
  return ((await ok(res, 200)) as { issuer: string }).issuer
}

/** A client_credentials token of the fixture's M2M client for the Management API. */
async function m2mToken(s: Session): Promise<string> {
  const res = await fetch(
    `${s.url}/oauth/token`,
    form({
      grant_type: 'client_credentials',
      client_id: 'm2m-client',
      client_secret: 'm2m-client-secret',
      audience: `${s.issuer}api/v2/`,
    }),
  )
  return ((await ok(res, 200)) as { access_token: string }).access_token
}

/** Alice's MFA-audience access token: password login, then her recovery code. */
async function aliceMfaApiToken(s: Session): Promise<string> {
  const login = await fetch(
    `${s.url}/oauth/token`,
    form({
      grant_type: 'password',
      client_id: 'spa-client',
      username: 'alice@example.com',
      password: 'Passw0rd!',
      audience: `${s.issuer}mfa/`,
      scope: 'openid remove:authenticators',
    }),
  )
  const { mfa_token } = (await ok(login, 403)) as { mfa_token: string }
  const res = await fetch(`${s.url}/oauth/token`, form(redeem(mfa_token, ALICE_CODE)))
  return ((await ok(res, 200)) as { access_token: string }).access_token
}

async function mintMfaToken(s: Session, userId: string): Promise<string> {
  const res = await fetch(
    `${s.url}/__emulator/mfa-tokens`,
    json({ user_id: userId, client_id: 'spa-client' }),
  )
  return ((await ok(res, 201)) as { mfa_token: string }).mfa_token
}

const bearer = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
})

const rotateAlice = async (s: Session) => {
  expect((await redeemAs(s.url, ALICE, ALICE_CODE)).status).toBe(200)
}

/**
 * One case per state-changing route, keyed `METHOD path` as the route table declares it. A route
 * declared `changesState` without a case here fails the test below: a new route comes with one.
 */
const CASES: Record<string, StateCase> = {
  'POST /oauth/token': {
    change: rotateAlice,
    read: (s) => userView(s, ALICE),
  },
  'DELETE /mfa/authenticators/[^/]+': {
    async change(s) {
      const token = await aliceMfaApiToken(s)
      const path = `/mfa/authenticators/${encodeURIComponent(ALICE_TOTP)}`
      await ok(await fetch(`${s.url}${path}`, bearer(token, { method: 'DELETE' })), 204)
    },
    read: (s) => userView(s, ALICE),
  },
  'POST /mfa/associate': {
    async change(s) {
      const mfaToken = await mintMfaToken(s, BOB)
      const res = await fetch(
        `${s.url}/mfa/associate`,
        bearer(mfaToken, json({ authenticator_types: ['otp'] })),
      )
      expect(await ok(res, 200)).toMatchObject({ authenticator_type: 'otp' })
    },
    read: (s) => userView(s, BOB),
  },
  'POST /__emulator/pushes/[^/]+/(?:approve|reject)': {
    async arrange(s) {
      const mfaToken = await mintMfaToken(s, BOB)
      const res = await fetch(
        `${s.url}/mfa/associate`,
        bearer(mfaToken, json({ authenticator_types: ['oob'], oob_channels: ['auth0'] })),
      )
      expect(await ok(res, 200)).toMatchObject({ oob_channel: 'auth0' })
    },
    async change(s) {
      const pending = (await ok(await fetch(`${s.url}/__emulator/pushes`), 200)) as { id: string }[]
      const id = pending[0]?.id ?? ''
      await ok(await fetch(`${s.url}/__emulator/pushes/${id}/approve`, { method: 'POST' }), 200)
    },
    read: (s) => userView(s, BOB),
  },
  'PUT /__emulator/scenarios': {
    async change(s) {
      const res = await fetch(`${s.url}/__emulator/scenarios`, {
        ...json({ enabled: ['recovery-codes-disabled'] }),
        method: 'PUT',
      })
      await ok(res, 200)
    },
    async read(s) {
      return ((await ok(await fetch(`${s.url}/__emulator/scenarios`), 200)) as { enabled: [] })
        .enabled
    },
  },
  'POST /__emulator/reset': {
    arrange: rotateAlice,
    async change(s) {
      await ok(await fetch(`${s.url}/__emulator/reset`, { method: 'POST' }), 200)
    },
    read: (s) => userView(s, ALICE),
  },
  'POST /api/v2/users/[^/]+/recovery-code-regeneration': {
    async change(s) {
      const path = `/api/v2/users/${encodeURIComponent(ALICE)}/recovery-code-regeneration`
      const res = await fetch(`${s.url}${path}`, bearer(await m2mToken(s), json({})))
      await ok(res, 200)
    },
    read: (s) => userView(s, ALICE),
  },
  'DELETE /api/v2/users/[^/]+/authenticators': {
    async change(s) {
      const path = `/api/v2/users/${encodeURIComponent(ALICE)}/authenticators`
      const res = await fetch(`${s.url}${path}`, bearer(await m2mToken(s), { method: 'DELETE' }))
      await ok(res, 204)
    },
    read: (s) => userView(s, ALICE),
  },
}

const STATE_ROUTES = createEmulator()
  [ROUTE_TABLE].filter((r) => r.changesState)
  .map((r) => `${r.method} ${r.path}`)

async function start(path: string): Promise<{ cli: CliProcess; session: Session }> {
  const { cli, url } = await cliOn(path)
  return { cli, session: { url, issuer: await issuerOf(url) } }
}

async function stop(cli: CliProcess, signal: 'SIGKILL' | 'SIGTERM') {
  cli.child.kill(signal)
  await cli.exited
}

it('has a case for every state-changing route, and none for a route that is gone', () => {
  expect(STATE_ROUTES.length).toBeGreaterThan(0)
  expect(STATE_ROUTES.filter((key) => !(key in CASES))).toEqual([])
  expect(Object.keys(CASES).filter((key) => !STATE_ROUTES.includes(key))).toEqual([])
})

for (const key of STATE_ROUTES) {
  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(
      `keeps what ${key} changed across a ${signal} restart`,
      async () => {
        const c = CASES[key]
        if (!c) throw new Error(`No case for ${key}: add one to CASES`)
        const path = tempStatePath()
        const first = await start(path)
        await c.arrange?.(first.session)
        const before = await c.read(first.session)
        await c.change(first.session)
        const changed = await c.read(first.session)
        expect(changed).not.toEqual(before)
        await stop(first.cli, signal)
        const second = await start(path)
        expect(await c.read(second.session)).toEqual(changed)
        await stop(second.cli, 'SIGTERM')
      },
      TIMEOUT_MS,
    )
  }
}
