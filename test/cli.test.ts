import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readyUrl, spawnCli } from './support/cli.js'

describe.concurrent('cli', () => {
  it('starts on a free port, prints its URL, serves health and exits 0 on SIGTERM', async () => {
    const cli = spawnCli(['--port', '0', '--log', 'silent'])
    const url = await readyUrl(cli)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(cli.stdout()).toContain('tenant dev-tenant.local')
    const res = await fetch(`${url}/__emulator/health`)
    expect(await res.text()).toBe('{"status":"ok"}')
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('takes scenarios from repeated flags, logs requests, and exits 0 on SIGINT', async () => {
    const cli = spawnCli(['--port', '0', '--scenario', 'slow', '--scenario', 'expired-mfa-token'])
    const url = await readyUrl(cli)
    expect(cli.stdout()).toContain('scenarios: slow, expired-mfa-token')
    const res = await fetch(`${url}/__emulator/scenarios?client_secret=hidden`)
    expect(((await res.json()) as { enabled: string[] }).enabled).toEqual([
      'slow',
      'expired-mfa-token',
    ])
    cli.child.kill('SIGINT')
    expect(await cli.exited).toBe(0)
    expect(cli.stdout()).toMatch(/auth0-mfa-emulator GET \/__emulator\/scenarios 200 [\d.]+ ms/)
    expect(cli.stdout()).not.toContain('hidden')
  })

  it('reads its settings from environment variables', async () => {
    const cli = spawnCli([], {
      PORT: '0',
      AUTH0_EMULATOR_SCENARIOS: 'server-error',
      AUTH0_EMULATOR_LOG: 'json',
    })
    const url = await readyUrl(cli)
    const res = await fetch(`${url}/oauth/token`, { method: 'POST' })
    expect(res.status).toBe(500)
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
    expect(cli.stdout()).toMatch(
      /\{"time":"[^"]+","method":"POST","path":"\/oauth\/token","status":500,"ms":[\d.]+\}/,
    )
  })

  it('exits 1 with one readable line when the port is in use', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const cli = spawnCli(['--port', String(port)])
      expect(await cli.exited).toBe(1)
      expect(cli.stderr()).toBe(
        `auth0-mfa-emulator: port ${port} on 127.0.0.1 is already in use; pass --port 0 for a free port, or stop the process using it\n`,
      )
    } finally {
      blocker.close()
    }
  })

  it('exits 1 naming the file and JSON path of an invalid fixture', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'bad.json')
    writeFileSync(
      file,
      JSON.stringify({
        users: [{ user_id: 'u', email: 'e', password: 'p', recovery_code: 'short' }],
      }),
    )
    const cli = spawnCli(['--port', '0', '--fixtures', file])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toBe(
      `auth0-mfa-emulator: ${file}: users[0].recovery_code: must be 24 characters from 123456789ABCDEFGHJKLMNPQRSTUVWXYZ\n`,
    )
  })

  it('exits 1 listing the known scenarios for an unknown one', async () => {
    const cli = spawnCli(['--scenario', 'flaky'])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toMatch(
      /^auth0-mfa-emulator: --scenario: Unknown scenario 'flaky'\. Known scenarios: invalid-recovery-code, .+, network-error\n$/,
    )
  })

  it('exits 1 on an unknown flag and prints help on --help', async () => {
    const bad = spawnCli(['--prot', '4000'])
    expect(await bad.exited).toBe(1)
    expect(bad.stderr()).toMatch(
      /^auth0-mfa-emulator: .*'--prot'.*; run with --help for the flags\n$/,
    )
    const help = spawnCli(['--help'])
    expect(await help.exited).toBe(0)
    expect(help.stdout()).toContain('Usage: auth0-mfa-emulator [options]')
  })
})
