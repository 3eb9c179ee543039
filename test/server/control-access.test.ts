import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import type { FixtureInput } from '../../src/index.js'
import { type RunningServer, type StartServerOptions, startServer } from '../../src/server/index.js'
import { httpText, rawRequest } from '../support/raw-http.js'

const CONTROL_ORIGIN = 'http://localhost:4200'
const CLIENT_ORIGIN = 'http://localhost:3000'

// A fixture whose client allows every origin: that must still open no door to the control API.
const fixtures = {
  ...(defaultJson as FixtureInput),
  clients: (defaultJson.clients as NonNullable<FixtureInput['clients']>).map((c) =>
    c.client_id === 'spa-client' ? { ...c, allowed_origins: ['*'] } : c,
  ),
}

describe('the control API, reached from a browser or by another name', () => {
  let server: RunningServer
  const lines: string[] = []
  beforeAll(async () => {
    server = await startServer({
      fixtures,
      seed: 'control-access',
      controlOrigins: [CONTROL_ORIGIN],
      log: 'pretty',
      write: (line) => lines.push(line),
    })
  })
  afterAll(() => server.close())
  beforeEach(() => server.emulator.reset())

  const request = (method: string, path: string, headers: Record<string, string>, body = '') =>
    rawRequest(server.port, httpText(method, path, headers, body))
  const preflight = (origin: string, path = '/__emulator/reset') =>
    request('OPTIONS', path, {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    })

  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'a=b'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('refuses a state change sent as %s with a JSON 415', async (type, body) => {
    server.emulator.scenarios.enable('slow')
    const res = await request('POST', '/__emulator/reset', { 'content-type': type }, body)
    expect(res.status).toBe(415)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(res.body)).toEqual({
      error: 'unsupported_media_type',
      error_description: `POST /__emulator/reset takes a JSON body: send Content-Type: application/json (got '${type}')`,
    })
    expect(server.emulator.scenarios.list()).toEqual(['slow'])
  })

  it('refuses a body without a Content-Type, and takes JSON or no body at all', async () => {
    const untyped = await request('PUT', '/__emulator/scenarios', {}, '{"enabled":["slow"]}')
    expect(untyped.status).toBe(415)
    expect(server.emulator.scenarios.list()).toEqual([])
    const typed = await request(
      'PUT',
      '/__emulator/scenarios',
      { 'content-type': 'application/json; charset=utf-8' },
      '{"enabled":["slow"]}',
    )
    expect(typed.status).toBe(200)
    expect((await request('POST', '/__emulator/reset', {})).status).toBe(200)
    expect(server.emulator.scenarios.list()).toEqual([])
  })

  it('answers the preflight of a --control-origin page, and echoes it on the answer', async () => {
    const res = await preflight(CONTROL_ORIGIN)
    expect(res.status).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe(CONTROL_ORIGIN)
    expect(res.headers['access-control-allow-methods']).toContain('POST')
    expect(res.headers['access-control-allow-headers']).toContain('Content-Type')
    const reset = await request('POST', '/__emulator/reset', {
      origin: CONTROL_ORIGIN,
      'content-type': 'application/json',
    })
    expect(reset.status).toBe(200)
    expect(reset.headers['access-control-allow-origin']).toBe(CONTROL_ORIGIN)
  })

  it.each([CLIENT_ORIGIN, 'https://evil.example', 'null'])(
    'refuses pages from %s (even one a client allows) with a JSON 403 and no CORS headers',
    async (origin) => {
      for (const res of [
        await preflight(origin),
        await request('GET', '/__emulator/users', { origin }),
        await request('POST', '/__emulator/reset', { origin }),
      ]) {
        expect(res.status).toBe(403)
        expect(res.headers['access-control-allow-origin']).toBeUndefined()
        expect(JSON.parse(res.body).error).toBe('access_denied')
      }
      const advice = lines.filter((l) => l.includes(`origin ${origin};`))
      expect(advice).toEqual([
        `auth0-mfa-emulator control API: refused a call from origin ${origin}; pass --control-origin ${origin} (or AUTH0_EMULATOR_CONTROL_ORIGINS) to allow its pages`,
      ])
    },
  )

  it('still opens the Auth0 endpoints to the origins clients allow', async () => {
    const res = await preflight(CLIENT_ORIGIN, '/oauth/token')
    expect(res.status).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe(CLIENT_ORIGIN)
  })

  it('lets the inspector, on the server own origin, change state', async () => {
    const res = await request(
      'PUT',
      '/__emulator/scenarios',
      {
        host: `127.0.0.1:${server.port}`,
        origin: `http://127.0.0.1:${server.port}`,
        'content-type': 'application/json',
      },
      '{"enabled":["expired-mfa-token"]}',
    )
    expect(res.status).toBe(200)
    expect(server.emulator.scenarios.list()).toEqual(['expired-mfa-token'])
  })

  it.each(['evil.example', 'evil.example:4000', '192.168.1.10', 'localhost.evil.example'])(
    'refuses control calls addressed to Host %s (DNS rebinding) with a JSON 403',
    async (host) => {
      const origin = `http://${host}`
      for (const res of [
        await request('GET', '/__emulator/users', { host }),
        await request('POST', '/__emulator/reset', { host, origin }),
        await request('GET', '/__emulator/', { host }),
      ]) {
        expect(res.status).toBe(403)
        expect(JSON.parse(res.body).error_description).toContain(
          'The control API answers only requests addressed to localhost, 127.0.0.1, [::1] or a tenant domain',
        )
      }
      // Health answers anyone, and the Auth0 endpoints answer any Host as Auth0 does.
      expect((await request('GET', '/__emulator/health', { host })).status).toBe(200)
      const token = await request(
        'POST',
        '/oauth/token',
        { host, 'content-type': 'application/x-www-form-urlencoded' },
        'grant_type=password&client_id=spa-client&username=carol%40example.com&password=Passw0rd!',
      )
      expect(token.status).toBe(200)
    },
  )

  it.each([
    'localhost',
    'localhost:4000',
    'acme.localhost:4000',
    '127.0.0.1',
    '127.1.2.3:80',
    '[::1]:4000',
  ])('answers control calls addressed to Host %s', async (host) => {
    expect((await request('GET', '/__emulator/users', { host })).status).toBe(200)
  })

  it.each(['dev-tenant.local', 'DEV-TENANT.local:443'])(
    'refuses control calls addressed to the .local tenant domain %s unless it is listed',
    async (host) => {
      const res = await request('GET', '/__emulator/users', { host })
      expect(res.status).toBe(403)
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(JSON.parse(res.body)).toEqual({
        error: 'access_denied',
        error_description:
          "The control API answers only requests addressed to localhost, 127.0.0.1, [::1] or a tenant domain, 'dev-tenant.local' is a .local name any peer on the network can answer for; start the emulator with --control-host dev-tenant.local to allow it, or send the admin token",
      })
    },
  )

  it.each([
    ['a control answer', 'GET', '/__emulator/users', {}],
    ['a refusal', 'GET', '/__emulator/users', { host: 'evil.example' }],
    ['the inspector refused', 'GET', '/__emulator/', { host: 'evil.example' }],
  ])('forbids framing %s', async (_name, method, path, headers) => {
    const res = await request(method, path, headers)
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'")
  })

  it('forbids framing the inspector, in its own policy', async () => {
    const res = await request('GET', '/__emulator/', {})
    expect(res.status).toBe(200)
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    )
  })
})

describe('the control API with --control-host', () => {
  const tenantFixture = (domain: string) => ({
    ...(defaultJson as FixtureInput),
    tenant: { ...(defaultJson.tenant as FixtureInput['tenant']), domain },
  })

  /** A control call addressed to `host` on a server started with `options`. */
  async function statusAt(options: StartServerOptions, host: string): Promise<number> {
    const server = await startServer({ seed: 'hosts', ...options })
    try {
      return (await rawRequest(server.port, httpText('GET', '/__emulator/users', { host }))).status
    } finally {
      await server.close()
    }
  }

  it('answers a .local name the user lists', async () => {
    expect(await statusAt({ controlHosts: ['dev-tenant.local'] }, 'dev-tenant.local:4000')).toBe(
      200,
    )
  })

  it('answers a tenant domain outside .local without being told', async () => {
    expect(await statusAt({ fixtures: tenantFixture('acme.test') }, 'acme.test')).toBe(200)
  })
})
