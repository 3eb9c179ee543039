import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BOTH_MODES, type Driver } from '../support/drivers.js'
import { ALICE_CODE, form, json, redeem } from '../support/requests.js'

describe.each(BOTH_MODES)('control API (%s)', (_mode, factory) => {
  let d: Driver
  beforeAll(async () => {
    d = await factory({ now: Date.UTC(2030, 0, 1) })
  })
  afterAll(() => d.close())
  beforeEach(() => d.emulator.reset())

  const call = async (path: string, init?: RequestInit) => {
    const res = await d.fetch(path, init)
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() }
  }

  it('reports health', async () => {
    expect(await call('/__emulator/health')).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      body: { status: 'ok' },
    })
  })

  it('lists and replaces the active scenarios', async () => {
    const put = await call('/__emulator/scenarios', {
      ...json({ enabled: ['slow', 'expired-mfa-token'] }),
      method: 'PUT',
    })
    expect(put.body.enabled).toEqual(['slow', 'expired-mfa-token'])
    expect((await call('/__emulator/scenarios')).body).toMatchObject({
      enabled: ['slow', 'expired-mfa-token'],
    })
    expect(d.emulator.scenarios.list()).toEqual(['slow', 'expired-mfa-token'])
  })

  it('mints an mfa_token that redeems a code', async () => {
    const minted = await call(
      '/__emulator/mfa-tokens',
      json({ user_id: 'auth0|alice', client_id: 'spa-client' }),
    )
    expect(minted).toMatchObject({ status: 201, body: { mfa_token: expect.any(String) } })
    const res = await d.fetch('/oauth/token', form(redeem(minted.body.mfa_token, ALICE_CODE)))
    expect(res.status).toBe(200)
  })

  it('refuses to mint for an unknown user with the known ones', async () => {
    expect(
      await call('/__emulator/mfa-tokens', json({ user_id: 'auth0|zed', client_id: 'spa-client' })),
    ).toEqual({
      status: 400,
      type: 'application/json; charset=utf-8',
      body: {
        error: 'invalid_request',
        error_description:
          "No user 'auth0|zed' in the fixture; known users: auth0|alice, auth0|bob, auth0|carol",
      },
    })
  })

  it("shows a user's authenticators and current recovery code after rotation", async () => {
    const res = await d.fetch('/oauth/token', form(redeem('mfa-token-alice', ALICE_CODE)))
    const { recovery_code } = (await res.json()) as { recovery_code: string }
    expect((await call(`/__emulator/users/${encodeURIComponent('auth0|alice')}`)).body).toEqual({
      user_id: 'auth0|alice',
      email: 'alice@example.com',
      blocked: false,
      mfa_required: true,
      authenticators: [
        {
          id: expect.stringMatching(/^recovery-code\|dev_[A-Za-z0-9]{16}$/),
          authenticator_type: 'recovery-code',
          active: true,
          type: 'recovery-code',
        },
        { id: 'totp|dev_BysUze2lgf7R1jtB', authenticator_type: 'otp', active: true, type: 'otp' },
      ],
      recovery_code,
      attempts_remaining: 10,
    })
  })

  it('answers 404 for an unknown user', async () => {
    expect(await call('/__emulator/users/auth0%7Cnobody')).toMatchObject({
      status: 404,
      body: { error: 'not_found', error_description: "No user 'auth0|nobody' in the fixture" },
    })
  })

  it('moves the clock so mfa_tokens expire', async () => {
    const moved = await call('/__emulator/clock', json({ advance_ms: 660_000 }))
    expect(moved.body).toEqual({
      now: '2030-01-01T00:11:00.000Z',
      now_ms: Date.UTC(2030, 0, 1, 0, 11),
      frozen: true,
    })
    const minted = await d.emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
    await call('/__emulator/clock', json({ set: '2030-01-01T00:21:00Z' }))
    const res = await d.fetch('/oauth/token', form(redeem(minted, ALICE_CODE)))
    expect(await res.text()).toBe(
      '{"error":"expired_token","error_description":"mfa_token is expired"}',
    )
  })

  it('refuses clock changes it cannot represent and applies none of them', async () => {
    const huge = await call('/__emulator/clock', json({ advance_ms: 1e308 }))
    expect(huge.status).toBe(400)
    expect(huge.body.error_description).toMatch(/outside ±100 years of now/)
    const far = await call('/__emulator/clock', json({ set: 9e15 }))
    expect(far.status).toBe(400)
    expect(await call('/__emulator/clock')).toMatchObject({
      status: 200,
      body: { now: '2030-01-01T00:00:00.000Z' },
    })
    const login = await d.fetch(
      '/oauth/token',
      form({
        grant_type: 'password',
        username: 'alice@example.com',
        password: 'Passw0rd!',
        client_id: 'spa-client',
      }),
    )
    expect(login.status).toBe(403)
  })

  it('answers a bug in a control route as 500 server_error, not as the caller’s mistake', async () => {
    const set = d.emulator.scenarios.set
    d.emulator.scenarios.set = () => {
      throw new TypeError('a bug')
    }
    try {
      const res = await call('/__emulator/scenarios', { ...json({ enabled: [] }), method: 'PUT' })
      expect(res).toEqual({
        status: 500,
        type: 'application/json; charset=utf-8',
        body: {
          error: 'server_error',
          error_description:
            'The emulator failed to handle the request (a bug: the server log has the details)',
        },
      })
    } finally {
      d.emulator.scenarios.set = set
    }
  })

  it('refuses a clock body it cannot read', async () => {
    expect(await call('/__emulator/clock', json({ advance_ms: '10' }))).toMatchObject({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'advance_ms must be a number of milliseconds',
      },
    })
  })

  it('resets codes, tokens, scenarios and the clock to the fixture', async () => {
    await d.fetch('/oauth/token', form(redeem('mfa-token-alice', ALICE_CODE)))
    d.emulator.scenarios.enable('slow')
    d.emulator.clock.advance(5000)
    expect(await call('/__emulator/reset', { method: 'POST' })).toMatchObject({
      status: 200,
      body: { status: 'reset' },
    })
    expect(d.emulator.currentRecoveryCode('auth0|alice')).toBe(ALICE_CODE)
    expect(d.emulator.scenarios.list()).toEqual([])
    expect(d.emulator.clock.now()).toBe(Date.UTC(2030, 0, 1))
    const res = await d.fetch('/oauth/token', form(redeem('mfa-token-alice', ALICE_CODE)))
    expect(res.status).toBe(200)
  })

  it('answers an unknown control path with a JSON 404', async () => {
    expect(await call('/__emulator/nope')).toMatchObject({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: { error: 'not_found' },
    })
  })

  it('journals requests newest first with secrets redacted', async () => {
    await d.fetch('/oauth/token', form(redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA')))
    await d.fetch(
      '/oauth/token',
      form(redeem('mfa-token-alice', ALICE_CODE), {
        'auth0-emulator-scenario': 'expired-mfa-token',
      }),
    )
    await d.fetch('/__emulator/health')
    const { body } = await call('/__emulator/requests')
    expect(body).toHaveLength(2)
    expect(body[0]).toMatchObject({
      method: 'POST',
      path: '/oauth/token',
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
      client_id: 'spa-client',
      scenarios: ['expired-mfa-token'],
      status: 403,
      error: 'expired_token',
      reason: 'expired_mfa_token',
      params: { mfa_token: '[redacted]', recovery_code: '[redacted]', client_id: 'spa-client' },
    })
    expect(body[1]).toMatchObject({
      user_id: 'auth0|alice',
      status: 403,
      reason: 'invalid_recovery_code',
      scenarios: [],
    })
    expect(JSON.stringify(body)).not.toContain(ALICE_CODE)
    expect(d.emulator.requests()).toEqual(body)
  })

  it('answers a control path called with the wrong method with 405 and Allow', async () => {
    const res = await d.fetch('/__emulator/reset')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect(await res.json()).toEqual({
      error: 'method_not_allowed',
      error_description: 'GET is not allowed on /__emulator/reset; use POST',
    })
  })

  it('redacts the token /oauth/revoke is given', async () => {
    const secret = 'a-refresh-token-that-must-not-show'
    const res = await d.fetch('/oauth/revoke', form({ client_id: 'spa-client', token: secret }))
    expect(res.status).toBe(400)
    const { body } = await call('/__emulator/requests')
    expect(body[0]).toMatchObject({
      path: '/oauth/revoke',
      params: { client_id: 'spa-client', token: '[redacted]' },
    })
    expect(JSON.stringify(body)).not.toContain(secret)
  })

  it('lists the tenant without secrets, all users and the live mfa_tokens', async () => {
    const tenant = await call('/__emulator/tenant')
    expect(tenant.body).toMatchObject({
      domain: 'dev-tenant.local',
      recovery_codes: 'enabled',
      mfa_token_lifetime: 600,
    })
    expect(JSON.stringify(tenant.body)).not.toMatch(/secret|private_jwk/)
    const users = await call('/__emulator/users')
    expect(users.body.map((u: { user_id: string }) => u.user_id)).toEqual([
      'auth0|alice',
      'auth0|bob',
      'auth0|carol',
    ])
    const tokens = await call('/__emulator/mfa-tokens')
    expect(tokens.body.map((t: { mfa_token: string }) => t.mfa_token)).toEqual([
      'mfa-token-alice',
      'mfa-token-alice-web',
    ])
  })

  it('serves the inspector page', async () => {
    const res = await d.fetch('/__emulator/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await res.text()).toContain('<title>auth0-mfa-emulator inspector</title>')
  })

  it('serves the inspector without loading anything from elsewhere', async () => {
    const res = await d.fetch('/__emulator/')
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; /)
    const html = await res.text()
    expect(html.match(/\b(?:src|href|action)=/g)).toEqual(['href='])
    expect(html).toContain('<link rel="icon" href="data:,">')
  })

  it('forbids every page to frame the inspector', async () => {
    const res = await d.fetch('/__emulator/')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('content-security-policy')).toMatch(/; frame-ancestors 'none'$/)
  })
})
