import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { liveChildren } from '../support/children.js'
import { CLI_BINARY, READY_TIMEOUT_MS, readyUrl, runNode, spawnCli } from '../support/cli.js'
import { form } from '../support/requests.js'

// One at a time: each test's processes are killed when it ends, which concurrent tests would share.
describe('cli', { timeout: READY_TIMEOUT_MS * 2 }, () => {
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

  it('exits 0 on SIGTERM sent the moment the ready line appears', async () => {
    for (let round = 0; round < 5; round++) {
      const cli = spawnCli(['--port', '0', '--log', 'silent'])
      await readyUrl(cli)
      cli.child.kill('SIGTERM')
      expect(await cli.exited).toBe(0)
    }
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
    expect(cli.stdout()).toMatch(
      /auth0-mfa-emulator GET \/__emulator\/scenarios → 200 \([\d.]+ ms\)/,
    )
    expect(cli.stdout()).not.toContain('hidden')
  })

  it('reads its settings from environment variables and logs every line as JSON', async () => {
    const cli = spawnCli([], {
      AUTH0_EMULATOR_PORT: '0',
      HOST: 'myhost.example',
      AUTH0_EMULATOR_SCENARIOS: 'server-error',
      AUTH0_EMULATOR_LOG: 'json',
    })
    const url = await readyUrl(cli)
    const res = await fetch(`${url}/oauth/token`, { method: 'POST' })
    expect(res.status).toBe(500)
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
    const lines = cli
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines[0]).toEqual({
      level: 'info',
      msg: 'listening',
      url,
      inspector: `${url}/__emulator/`,
      tenant: 'dev-tenant.local',
      fixtures: expect.stringMatching(/fixtures\/default\.json$/),
      scenarios: ['server-error'],
    })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(lines).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        path: '/oauth/token',
        status: 500,
        scenarios: ['server-error'],
        error: 'server_error',
        reason: 'scenario_server_error',
      }),
    )
    expect(lines.at(-1)).toEqual({ level: 'info', msg: 'stopping' })
  })

  it('prints the inspector in its ready line and sends / there', async () => {
    const cli = spawnCli(['--port', '0', '--log', 'silent'])
    const url = await readyUrl(cli)
    expect(cli.stdout()).toContain(`; inspector ${url}/__emulator/`)
    const root = await fetch(`${url}/`, { redirect: 'manual' })
    expect(root.status).toBe(302)
    expect(root.headers.get('location')).toBe('/__emulator/')
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('layers --fixtures-overlay over the fixtures, as verify --record writes it', async () => {
    const overlay = join(mkdtempSync(join(tmpdir(), 'cli-overlay-')), 'overlay.json')
    writeFileSync(
      overlay,
      JSON.stringify({
        tenant: {
          errors: {
            invalid_recovery_code: { error_description: 'MFA Authorization rejected.' },
          },
        },
      }),
    )
    const cli = spawnCli(['--port', '0', '--log', 'silent', '--fixtures-overlay', overlay])
    const url = await readyUrl(cli)
    const res = await fetch(
      `${url}/oauth/token`,
      form({
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
        client_id: 'spa-client',
        mfa_token: 'mfa-token-alice',
        recovery_code: 'AAAAAAAAAAAAAAAAAAAAAAAA',
      }),
    )
    expect(await res.text()).toBe(
      '{"error":"invalid_grant","error_description":"MFA Authorization rejected."}',
    )
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
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

  it('serves HTTPS with a generated, cached certificate that auth-js trusts through NODE_EXTRA_CA_CERTS', async () => {
    const certDir = join(mkdtempSync(join(tmpdir(), 'cli-https-')), 'certs')
    const first = spawnCli(['--port', '0', '--https', '--log', 'silent'], {
      AUTH0_EMULATOR_CERT_DIR: certDir,
    })
    const url = await readyUrl(first)
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const certLine = /HTTPS certificate created: (\S+) \(SHA-256 ([0-9A-F:]+)\)/.exec(
      first.stdout(),
    )
    expect(certLine?.[1]).toBe(join(certDir, 'cert.pem'))
    expect(first.stdout()).toContain(
      `trust it in Node with NODE_EXTRA_CA_CERTS=${join(certDir, 'cert.pem')}`,
    )
    const flow = await runNode(['test/support/auth-js-recovery.ts', new URL(url).host], {
      NODE_EXTRA_CA_CERTS: join(certDir, 'cert.pem'),
    })
    expect(flow.code).toBe(0)
    expect(JSON.parse(flow.stdout).recoveryCode).toMatch(/^[1-9A-HJ-NP-Z]{24}$/)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    const second = spawnCli(['--port', '0', '--https', '--log', 'silent'], {
      AUTH0_EMULATOR_CERT_DIR: certDir,
    })
    await readyUrl(second)
    expect(second.stdout()).toContain(
      `HTTPS certificate reused: ${join(certDir, 'cert.pem')} (SHA-256 ${certLine?.[2]})`,
    )
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  })

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const cli = spawnCli(['--port', '0', '--log', 'silent'])
    const url = await readyUrl(cli)
    const pending = fetch(`${url}/oauth/token`, {
      ...form({
        grant_type: 'password',
        username: 'carol@example.com',
        password: 'Passw0rd!',
        client_id: 'spa-client',
      }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'auth0-emulator-scenario': 'slow',
      },
    })
    await new Promise((r) => setTimeout(r, 300))
    cli.child.kill('SIGTERM')
    const res = await pending
    expect(res.status).toBe(200)
    expect(res.headers.get('connection')).toBe('close')
    expect((await res.json()).access_token).toEqual(expect.any(String))
    expect(await cli.exited).toBe(0)
  })

  it('exits at once on a second signal', async () => {
    const cli = spawnCli(['--port', '0', '--log', 'silent'])
    const url = await readyUrl(cli)
    const pending = fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'auth0-emulator-scenario': 'slow' },
    }).catch(() => 'dropped')
    await new Promise((r) => setTimeout(r, 300))
    cli.child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 100))
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(1)
    expect(await pending).toBe('dropped')
  })

  it('exits 1 with one readable line for TLS files that are not PEM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-tls-'))
    writeFileSync(join(dir, 'cert.pem'), 'not a certificate')
    writeFileSync(join(dir, 'key.pem'), 'not a key')
    const cli = spawnCli([
      '--port',
      '0',
      '--cert',
      join(dir, 'cert.pem'),
      '--key',
      join(dir, 'key.pem'),
    ])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toMatch(
      /^auth0-mfa-emulator: --cert\/--key are not a usable PEM certificate and private key \(.+\); check both files\n$/,
    )
  })

  it('serves every tenant of a multi-tenant fixture file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-tenants-')), 'tenants.json')
    const base = JSON.parse(
      readFileSync(new URL('../../fixtures/default.json', import.meta.url), 'utf8'),
    )
    writeFileSync(
      file,
      JSON.stringify({ tenants: [base, { ...base, tenant: { ...base.tenant, name: 'acme' } }] }),
    )
    const cli = spawnCli(['--port', '0', '--log', 'silent', '--fixtures', file])
    const url = await readyUrl(cli)
    expect(cli.stdout()).toContain(
      'tenants dev-tenant, acme, chosen by Host {name}.localhost or the Auth0-Emulator-Tenant header',
    )
    const res = await fetch(`${url}/__emulator/tenant`, {
      headers: { 'auth0-emulator-tenant': 'acme' },
    })
    expect((await res.json()).name).toBe('acme')
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('lets pages from --control-origin call the control API, and no others', async () => {
    const cli = spawnCli([
      '--port',
      '0',
      '--log',
      'silent',
      '--control-origin',
      'http://localhost:4200',
      '--control-origin=https://app.example.test/',
    ])
    const url = await readyUrl(cli)
    const preflight = (origin: string) =>
      fetch(`${url}/__emulator/reset`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      })
    for (const origin of ['http://localhost:4200', 'https://app.example.test']) {
      const res = await preflight(origin)
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe(origin)
    }
    expect((await preflight('http://localhost:3000')).status).toBe(403)
  })

  it('reads control origins from AUTH0_EMULATOR_CONTROL_ORIGINS', async () => {
    const cli = spawnCli(['--port', '0', '--log', 'silent'], {
      AUTH0_EMULATOR_CONTROL_ORIGINS: 'http://localhost:4200, http://localhost:4300',
    })
    const url = await readyUrl(cli)
    const res = await fetch(`${url}/__emulator/users`, {
      headers: { origin: 'http://localhost:4300' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:4300')
  })

  it('exits 1 with one readable line for a control origin that is not an origin', async () => {
    const cli = spawnCli(['--port', '0', '--control-origin', 'http://localhost:4200/app'])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toBe(
      "auth0-mfa-emulator: --control-origin must be an origin such as http://localhost:5173 (scheme, host and port, nothing after), got 'http://localhost:4200/app'\n",
    )
  })
})

describe('cli test helpers', { timeout: READY_TIMEOUT_MS * 2 }, () => {
  let leftRunning: ChildProcess | undefined

  it('spawn the built binary', () => {
    const cli = spawnCli(['--version'])
    expect(cli.child.spawnargs[1]).toBe(CLI_BINARY)
    expect(CLI_BINARY).toMatch(/dist\/cli\.js$/)
  })

  it('fail the ready wait at once, with the error, when the CLI exits first', async () => {
    const started = Date.now()
    const cli = spawnCli(['--port', 'abc'])
    await expect(readyUrl(cli)).rejects.toThrow(
      /(reported an error|exited \(code 1\)) before it was ready.*--port must be a port number/s,
    )
    expect(Date.now() - started).toBeLessThan(READY_TIMEOUT_MS / 2)
  })

  it('leave a CLI running at the end of a test (the next test checks it was killed)', async () => {
    const cli = spawnCli(['--port', '0', '--log', 'silent'])
    await readyUrl(cli)
    leftRunning = cli.child
    expect(liveChildren()).toBeGreaterThan(0)
  })

  it('kill what a test left running once it ends', () => {
    expect(leftRunning?.exitCode !== null || leftRunning?.signalCode !== null).toBe(true)
    expect(leftRunning?.signalCode).toBe('SIGKILL')
    expect(liveChildren()).toBe(0)
  })
})
