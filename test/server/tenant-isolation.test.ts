import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import { createEmulator, type Emulator, ROUTE_TABLE } from '../../src/emulator.js'
import type { FixtureInput } from '../../src/index.js'
import { type RunningServer, startServer } from '../../src/server/index.js'
import { readyUrl, spawnCli } from '../support/cli.js'
import { ALICE_CODE, form, json, passwordLogin, redeem } from '../support/requests.js'

const ALICE = 'auth0|alice'
const BOB = 'auth0|bob'
const ALICE_TOTP = 'totp|dev_BysUze2lgf7R1jtB'
const MGMT_TYPE = 'application/json; charset=utf-8'
const INVALID_SIGNATURE = 'Invalid signature received for JSON Web Token validation'
const INVALID_MFA_TOKEN =
  '{"error":"invalid_grant","error_description":"The mfa_token provided is invalid. Try getting a new token."}'

/** The default fixture under another tenant name: same domain, same bundled signing key. */
const twinFixture = (name: string): FixtureInput => ({
  ...(defaultJson as FixtureInput),
  tenant: { ...(defaultJson.tenant as FixtureInput['tenant']), name },
})

type Answer = { status: number; headers: Headers; text: string; body: Record<string, string> }

/** The two tenants of one server, reached by the Auth0-Emulator-Tenant header. */
function tenantsOf(base: () => string) {
  const call = async (tenant: string, path: string, init: RequestInit = {}): Promise<Answer> => {
    const headers = { ...(init.headers as Record<string, string>), 'auth0-emulator-tenant': tenant }
    const res = await fetch(`${base()}${path}`, { ...init, headers })
    const text = await res.text()
    let body: Record<string, string> = {}
    try {
      body = text ? JSON.parse(text) : {}
    } catch {}
    return { status: res.status, headers: res.headers, text, body }
  }
  const bearer = (token: string, init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  })
  /** A password login on `tenant` (its answer: tokens, or mfa_required with an mfa_token). */
  const login = (tenant: string, username: string, extra: Record<string, string> = {}) =>
    call(tenant, '/oauth/token', form(passwordLogin(username, extra)))
  return { call, bearer, login }
}

describe('tenants loaded from one fixture with one key, picked by header', () => {
  let server: RunningServer
  let a: Emulator
  let b: Emulator
  const { call, bearer, login } = tenantsOf(() => server.url)
  const issuer = () => `${server.url}/`

  beforeAll(async () => {
    a = createEmulator({ fixtures: twinFixture('twin-a') })
    b = createEmulator({ fixtures: twinFixture('twin-b') })
    server = await startServer({ emulators: [a, b] })
  })
  afterAll(() => server?.close())
  beforeEach(() => {
    a.reset()
    b.reset()
  })

  /** A Management API token of twin-a's M2M client (same client id and secret as twin-b's). */
  async function m2mTokenOfA(): Promise<string> {
    const res = await call(
      'twin-a',
      '/oauth/token',
      form({
        grant_type: 'client_credentials',
        client_id: 'm2m-client',
        client_secret: 'm2m-client-secret',
        audience: `${issuer()}api/v2/`,
      }),
    )
    expect(res.status).toBe(200)
    return res.body.access_token ?? ''
  }

  /** Alice's MFA-API access token from twin-a: her login, then her recovery code there. */
  async function mfaApiTokenOfA(): Promise<string> {
    const first = await login('twin-a', 'alice@example.com', {
      audience: `${issuer()}mfa/`,
      scope: 'openid read:authenticators remove:authenticators',
    })
    expect(first.body.error).toBe('mfa_required')
    const res = await call(
      'twin-a',
      '/oauth/token',
      form(redeem(first.body.mfa_token ?? '', ALICE_CODE)),
    )
    expect(res.status).toBe(200)
    return res.body.access_token ?? ''
  }

  it('serves two tenants with the same issuer and the same signing key', async () => {
    const [jwksA, jwksB] = await Promise.all(
      ['twin-a', 'twin-b'].map((t) => call(t, '/.well-known/jwks.json')),
    )
    expect(jwksA?.text).toBe(jwksB?.text)
    const [discoveryA, discoveryB] = await Promise.all(
      ['twin-a', 'twin-b'].map((t) => call(t, '/.well-known/openid-configuration')),
    )
    expect(discoveryA?.body.issuer).toBe(issuer())
    expect(discoveryB?.body.issuer).toBe(issuer())
  })

  it("refuses twin-a's Management API token on every /api/v2 route of twin-b as a bad signature", async () => {
    const token = await m2mTokenOfA()
    const own = await call(
      'twin-a',
      `/api/v2/users/${encodeURIComponent(ALICE)}/enrollments`,
      bearer(token),
    )
    expect(own.status).toBe(200)
    for (const r of b[ROUTE_TABLE].filter((r) => r.path.startsWith('/api/v2/'))) {
      const path = r.path.replace('[^/]+', encodeURIComponent(ALICE))
      const init = r.method === 'POST' ? json({}) : { method: r.method }
      const res = await call('twin-b', path, bearer(token, init))
      expect({ route: `${r.method} ${r.path}`, status: res.status, text: res.text }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
        text: JSON.stringify({
          statusCode: 401,
          error: 'Unauthorized',
          message: INVALID_SIGNATURE,
          attributes: { error: INVALID_SIGNATURE },
        }),
      })
      expect(res.headers.get('content-type')).toBe(MGMT_TYPE)
      expect(res.headers.get('www-authenticate')).toBe(`Bearer error="${INVALID_SIGNATURE}"`)
    }
    expect(b.currentRecoveryCode(ALICE)).toBe(ALICE_CODE)
    expect(b.exportState().users[ALICE]?.authenticators.map((x) => x.id)).toContain(ALICE_TOTP)
  })

  it("refuses twin-a's user access token (a JWT) at twin-b's /userinfo", async () => {
    const carol = await login('twin-a', 'carol@example.com', {
      scope: 'openid profile',
      audience: 'https://api.example.com/',
    })
    const token = carol.body.access_token ?? ''
    expect(token.split('.')).toHaveLength(3)
    expect((await call('twin-a', '/userinfo', bearer(token))).status).toBe(200)
    for (const method of ['GET', 'POST']) {
      const res = await call('twin-b', '/userinfo', bearer(token, { method }))
      expect({ status: res.status, text: res.text }).toEqual({ status: 401, text: 'Unauthorized' })
      expect(res.headers.get('www-authenticate')).toBe(
        'Bearer realm="Users", error="invalid_token", error_description="Invalid token"',
      )
    }
  })

  it("refuses twin-a's opaque access token at twin-b's /userinfo", async () => {
    const carol = await login('twin-a', 'carol@example.com', { scope: 'openid' })
    const token = carol.body.access_token ?? ''
    expect(token.split('.')).toHaveLength(1)
    expect((await call('twin-a', '/userinfo', bearer(token))).text).toBe('{"sub":"auth0|carol"}')
    const res = await call('twin-b', '/userinfo', bearer(token))
    expect({ status: res.status, text: res.text }).toEqual({ status: 401, text: 'Unauthorized' })
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer realm="Users", error="invalid_token", error_description="Invalid token"',
    )
  })

  it("refuses twin-a's MFA API access token at twin-b's MFA API", async () => {
    const token = await mfaApiTokenOfA()
    expect((await call('twin-a', '/mfa/authenticators', bearer(token))).status).toBe(200)
    const list = await call('twin-b', '/mfa/authenticators', bearer(token))
    expect({ status: list.status, text: list.text }).toEqual({
      status: 401,
      text: INVALID_MFA_TOKEN,
    })
    const path = `/mfa/authenticators/${encodeURIComponent(ALICE_TOTP)}`
    const removal = await call('twin-b', path, bearer(token, { method: 'DELETE' }))
    expect({ status: removal.status, text: removal.text }).toEqual({
      status: 401,
      text: INVALID_MFA_TOKEN,
    })
    expect(b.exportState().users[ALICE]?.authenticators.map((x) => x.id)).toEqual([ALICE_TOTP])
  })

  it("refuses twin-a's mfa_token at twin-b's grant and MFA API, and twin-a still takes it", async () => {
    const first = await login('twin-a', 'alice@example.com', { scope: 'openid' })
    const mfaToken = first.body.mfa_token ?? ''
    const list = await call('twin-b', '/mfa/authenticators', bearer(mfaToken))
    expect({ status: list.status, text: list.text }).toEqual({
      status: 401,
      text: INVALID_MFA_TOKEN,
    })
    const associate = await call(
      'twin-b',
      '/mfa/associate',
      bearer(mfaToken, json({ authenticator_types: ['otp'] })),
    )
    expect({ status: associate.status, text: associate.text }).toEqual({
      status: 401,
      text: INVALID_MFA_TOKEN,
    })
    const grant = await call('twin-b', '/oauth/token', form(redeem(mfaToken, ALICE_CODE)))
    expect({ status: grant.status, text: grant.text }).toEqual({
      status: 403,
      text: '{"error":"invalid_grant","error_description":"Malformed mfa_token"}',
    })
    expect(b.currentRecoveryCode(ALICE)).toBe(ALICE_CODE)
    expect((await call('twin-a', '/oauth/token', form(redeem(mfaToken, ALICE_CODE)))).status).toBe(
      200,
    )
  })

  it("refuses twin-a's refresh token at twin-b's grant and revocation, and twin-a still takes it", async () => {
    const carol = await login('twin-a', 'carol@example.com', { scope: 'openid offline_access' })
    const refreshToken = carol.body.refresh_token ?? ''
    const refresh = form({
      grant_type: 'refresh_token',
      client_id: 'spa-client',
      refresh_token: refreshToken,
    })
    const grant = await call('twin-b', '/oauth/token', refresh)
    expect({ status: grant.status, text: grant.text }).toEqual({
      status: 403,
      text: '{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}',
    })
    const revoke = await call(
      'twin-b',
      '/oauth/revoke',
      form({ client_id: 'spa-client', token: refreshToken }),
    )
    expect({ status: revoke.status, text: revoke.text }).toEqual({
      status: 400,
      text: '{"error":"invalid_request","error_description":"The refresh token is revoked, does not exist, or was not issued to the client making the revocation request"}',
    })
    expect((await call('twin-a', '/oauth/token', refresh)).status).toBe(200)
  })

  it("refuses twin-a's oob_code and binding code at twin-b, and twin-a still takes them", async () => {
    const sms = {
      authenticator_types: ['oob'],
      oob_channels: ['sms'],
      phone_number: '+15555550100',
    }
    const tokenA = await a.issueMfaToken({ userId: BOB, clientId: 'spa-client' })
    const enrolA = await call('twin-a', '/mfa/associate', bearer(tokenA, json(sms)))
    expect(enrolA.status).toBe(200)
    const bindingCode = a.messages(BOB)[0]?.binding_code ?? ''
    // twin-b has a pending SMS challenge for bob too, so only the oob_code's tenant differs.
    const tokenB = await b.issueMfaToken({ userId: BOB, clientId: 'spa-client' })
    expect((await call('twin-b', '/mfa/associate', bearer(tokenB, json(sms)))).status).toBe(200)
    const oob = (mfaToken: string) =>
      form({
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob',
        client_id: 'spa-client',
        mfa_token: mfaToken,
        oob_code: enrolA.body.oob_code ?? '',
        binding_code: bindingCode,
      })
    const refused = await call('twin-b', '/oauth/token', oob(tokenB))
    expect({ status: refused.status, text: refused.text }).toEqual({
      status: 403,
      text: '{"error":"invalid_grant","error_description":"Invalid oob_code."}',
    })
    expect(b.exportState().users[BOB]?.authenticators.map((x) => x.active)).toEqual([false])
    expect((await call('twin-a', '/oauth/token', oob(tokenA))).status).toBe(200)
  })
})

describe('tenants of one fixture file started by the CLI with one --seed', () => {
  it('hands each tenant its own tokens, so no token of one works at the other', async () => {
    const fixtures = join(mkdtempSync(join(tmpdir(), 'tenant-isolation-')), 'twins.json')
    writeFileSync(
      fixtures,
      JSON.stringify({ tenants: [twinFixture('twin-a'), twinFixture('twin-b')] }),
    )
    const cli = spawnCli(['--port', '0', '--log', 'silent', '--seed', '1', '--fixtures', fixtures])
    const url = await readyUrl(cli)
    const { call, bearer, login } = tenantsOf(() => url)
    const carolA = await login('twin-a', 'carol@example.com', { scope: 'openid offline_access' })
    const carolB = await login('twin-b', 'carol@example.com', { scope: 'openid offline_access' })
    expect(carolA.status).toBe(200)
    expect(carolB.status).toBe(200)
    expect(carolA.body.access_token).not.toBe(carolB.body.access_token)
    expect(carolA.body.refresh_token).not.toBe(carolB.body.refresh_token)
    const userinfo = await call('twin-b', '/userinfo', bearer(carolA.body.access_token ?? ''))
    expect({ status: userinfo.status, text: userinfo.text }).toEqual({
      status: 401,
      text: 'Unauthorized',
    })
    const refresh = await call(
      'twin-b',
      '/oauth/token',
      form({
        grant_type: 'refresh_token',
        client_id: 'spa-client',
        refresh_token: carolA.body.refresh_token ?? '',
      }),
    )
    expect({ status: refresh.status, text: refresh.text }).toEqual({
      status: 403,
      text: '{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}',
    })
    cli.child.kill('SIGTERM')
    await cli.exited
  }, 120_000)
})
