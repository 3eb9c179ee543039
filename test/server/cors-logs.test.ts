import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/server/index.js'
import { ALICE_CODE, form, redeem } from '../support/requests.js'

describe('standalone server: CORS and logs', () => {
  let server: RunningServer
  const lines: string[] = []
  beforeAll(async () => {
    server = await startServer({ log: 'pretty', write: (line) => lines.push(line) })
  })
  afterAll(() => server.close())

  const preflight = (origin: string, extra: Record<string, string> = {}) =>
    fetch(`${server.url}/oauth/token`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
        ...extra,
      },
    })

  it('answers a preflight from an allowed origin, with credentials and Private Network Access', async () => {
    const res = await preflight('http://localhost:5173', {
      'access-control-request-private-network': 'true',
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-allow-private-network')).toBe('true')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type')
  })

  it('echoes an allowed origin on the token response', async () => {
    const res = await fetch(
      `${server.url}/oauth/token`,
      form(redeem('mfa-token-alice', 'WRONG'), { origin: 'http://localhost:3000' }),
    )
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
  })

  it('lets an allowed page read the rate-limit headers', async () => {
    const res = await fetch(
      `${server.url}/oauth/token`,
      form(redeem('mfa-token-alice', 'WRONG'), { origin: 'http://localhost:3000' }),
    )
    expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/)
    expect(res.headers.get('access-control-expose-headers')).toBe(
      'X-RateLimit-Limit,X-RateLimit-Remaining,X-RateLimit-Reset,Retry-After',
    )
  })

  it('sends no CORS headers to a disallowed origin and logs which origin to add, once', async () => {
    const first = await preflight('http://localhost:8080', {
      'access-control-request-private-network': 'true',
    })
    await preflight('http://localhost:8080')
    expect(first.status).toBe(204)
    expect(first.headers.get('access-control-allow-origin')).toBeNull()
    expect(first.headers.get('access-control-allow-private-network')).toBeNull()
    const advice = lines.filter((l) => l.includes('http://localhost:8080') && l.includes('CORS'))
    expect(advice).toEqual([
      `auth0-mfa-emulator CORS: origin http://localhost:8080 is not in any client's allowed_origins, so browsers will refuse the answers; add "http://localhost:8080" to clients[].allowed_origins in the fixture`,
    ])
  })

  it('logs one readable line per request with grant, client, user, scenario, status and reason', async () => {
    lines.length = 0
    await fetch(
      `${server.url}/oauth/token`,
      form(redeem('mfa-token-alice', ALICE_CODE), {
        'auth0-emulator-scenario': 'expired-mfa-token',
      }),
    )
    await fetch(
      `${server.url}/oauth/token`,
      form(redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA')),
    )
    await fetch(`${server.url}/nope?client_secret=hush`)
    await new Promise((r) => setTimeout(r, 20))
    expect(lines[0]).toMatch(
      /^auth0-mfa-emulator POST \/oauth\/token mfa-recovery-code client=spa-client scenario=expired-mfa-token → 403 expired_token: mfa_token is expired \([\d.]+ ms\)$/,
    )
    expect(lines[1]).toMatch(
      /^auth0-mfa-emulator POST \/oauth\/token mfa-recovery-code client=spa-client user=auth0\|alice → 403 invalid_grant: Invalid recovery_code\. \([\d.]+ ms\)$/,
    )
    expect(lines[2]).toMatch(/^auth0-mfa-emulator GET \/nope → 404 \([\d.]+ ms\)$/)
  })

  it('logs JSON lines without parameters', async () => {
    const json: string[] = []
    const other = await startServer({ log: 'json', write: (line) => json.push(line) })
    try {
      await fetch(`${other.url}/oauth/token`, form(redeem('mfa-token-alice', ALICE_CODE)))
      await new Promise((r) => setTimeout(r, 20))
      const entry = JSON.parse(json[0] ?? '{}')
      expect(entry).toMatchObject({
        method: 'POST',
        path: '/oauth/token',
        status: 200,
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
        client_id: 'spa-client',
        user_id: 'auth0|alice',
        scenarios: [],
      })
      expect(entry).not.toHaveProperty('params')
    } finally {
      await other.close()
    }
  })
})
