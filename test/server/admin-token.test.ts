import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ListenError, type RunningServer, startServer } from '../../src/server/index.js'
import { spawnCli } from '../support/cli.js'
import { form, redeem } from '../support/requests.js'

describe('admin token', () => {
  let server: RunningServer
  const lines: string[] = []
  beforeAll(async () => {
    server = await startServer({
      host: '0.0.0.0',
      adminToken: 'let-me-in-please-16',
      log: 'pretty',
      write: (l) => lines.push(l),
    })
  })
  afterAll(() => server.close())
  const base = () => `http://127.0.0.1:${server.port}`

  it('refuses to listen beyond loopback without one', async () => {
    await expect(startServer({ host: '0.0.0.0' })).rejects.toThrow(
      'listening on 0.0.0.0 exposes the control API beyond this machine; pass --admin-token TOKEN (or AUTH0_EMULATOR_ADMIN_TOKEN), or bind 127.0.0.1',
    )
  })

  it('guards the control API and leaves health, the inspector markup and Auth0 endpoints open', async () => {
    const denied = await fetch(`${base()}/__emulator/users`)
    expect(denied.status).toBe(401)
    expect((await denied.json()).error).toBe('unauthorized')
    const wrong = await fetch(`${base()}/__emulator/reset`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
    })
    expect(wrong.status).toBe(401)
    const allowed = await fetch(`${base()}/__emulator/users`, {
      headers: { authorization: 'Bearer let-me-in-please-16' },
    })
    expect(allowed.status).toBe(200)
    expect((await fetch(`${base()}/__emulator/health`)).status).toBe(200)
    expect((await fetch(`${base()}/__emulator/`)).status).toBe(200)
    expect(
      (await fetch(`${base()}/oauth/token`, form(redeem('mfa-token-alice', 'WRONG')))).status,
    ).toBe(403)
  })

  it('refuses to start with a token shorter than 16 characters, in one line', async () => {
    await expect(startServer({ adminToken: 'x' })).rejects.toThrow(
      '--admin-token must be at least 16 characters, got 1; use a random one, such as the output of: openssl rand -hex 16',
    )
    await expect(startServer({ adminToken: 'fifteen-chars-x' })).rejects.toThrow(ListenError)
    const cli = spawnCli(['--host', '0.0.0.0', '--port', '0', '--admin-token', 'x'])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toBe(
      'auth0-mfa-emulator: --admin-token must be at least 16 characters, got 1; use a random one, such as the output of: openssl rand -hex 16\n',
    )
  })

  /** A control call with `token`, sent from the local address `from`; status and time taken. */
  const call = (token: string, from = '127.0.0.1') =>
    new Promise<{
      status: number
      ms: number
      body: string
      type: string | undefined
      retryAfter: string | undefined
    }>((resolve, reject) => {
      const started = performance.now()
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          localAddress: from,
          path: '/__emulator/users',
          headers: { authorization: `Bearer ${token}` },
          agent: false,
        },
        (res) => {
          let body = ''
          res.on('data', (chunk) => {
            body += chunk
          })
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              ms: performance.now() - started,
              body,
              type: res.headers['content-type'],
              retryAfter: res.headers['retry-after'],
            }),
          )
        },
      )
      req.on('error', reject)
      req.end()
    })

  it('slows wrong tokens per address, refuses a flood at once, and never slows the right one', async () => {
    const flood = Promise.all(Array.from({ length: 14 }, () => call('wrong-token-guess')))
    await new Promise((r) => setTimeout(r, 50))
    const right = await call('let-me-in-please-16')
    const elsewhere = await call('wrong-token-guess', '127.0.0.2')
    const answers = await flood
    expect(right.status).toBe(200)
    expect(right.ms).toBeLessThan(1000)
    expect(elsewhere.status).toBe(401)
    expect(elsewhere.ms).toBeLessThan(1000)
    const slowed = answers.filter((a) => a.status === 401)
    const refused = answers.filter((a) => a.status === 429)
    expect(slowed).toHaveLength(10)
    expect(Math.max(...slowed.map((a) => a.ms))).toBeGreaterThanOrEqual(1900)
    expect(refused).toHaveLength(4)
    expect(refused[0]).toMatchObject({
      type: 'application/json; charset=utf-8',
      retryAfter: '2',
      body: '{"error":"too_many_requests","error_description":"Too many wrong admin tokens from this address; wait 2 s before trying again"}',
    })
  })

  it('never logs the token', async () => {
    await new Promise((r) => setTimeout(r, 20))
    expect(lines.length).toBeGreaterThan(3)
    expect(lines.join('\n')).not.toContain('let-me-in-please-16')
  })

  it('makes the CLI exit 1 when binding beyond loopback without a token', async () => {
    const cli = spawnCli(['--host', '0.0.0.0', '--port', '0'])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toBe(
      'auth0-mfa-emulator: listening on 0.0.0.0 exposes the control API beyond this machine; pass --admin-token TOKEN (or AUTH0_EMULATOR_ADMIN_TOKEN), or bind 127.0.0.1\n',
    )
  })
})
