import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/server/index.js'
import { spawnCli } from '../support/cli.js'
import { form, redeem } from '../support/requests.js'

describe('admin token', () => {
  let server: RunningServer
  const lines: string[] = []
  beforeAll(async () => {
    server = await startServer({
      host: '0.0.0.0',
      adminToken: 'let-me-in',
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
      headers: { authorization: 'Bearer let-me-in' },
    })
    expect(allowed.status).toBe(200)
    expect((await fetch(`${base()}/__emulator/health`)).status).toBe(200)
    expect((await fetch(`${base()}/__emulator/`)).status).toBe(200)
    expect(
      (await fetch(`${base()}/oauth/token`, form(redeem('mfa-token-alice', 'WRONG')))).status,
    ).toBe(403)
  })

  it('never logs the token', async () => {
    await new Promise((r) => setTimeout(r, 20))
    expect(lines.length).toBeGreaterThan(3)
    expect(lines.join('\n')).not.toContain('let-me-in')
  })

  it('makes the CLI exit 1 when binding beyond loopback without a token', async () => {
    const cli = spawnCli(['--host', '0.0.0.0', '--port', '0'])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toBe(
      'auth0-mfa-emulator: listening on 0.0.0.0 exposes the control API beyond this machine; pass --admin-token TOKEN (or AUTH0_EMULATOR_ADMIN_TOKEN), or bind 127.0.0.1\n',
    )
  })
})
