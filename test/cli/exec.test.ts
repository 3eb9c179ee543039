import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { READY_TIMEOUT_MS, spawnCli } from '../support/cli.js'
import { killProcessesWith, processesWith } from '../support/processes.js'

// Every command exec runs here carries this token, so ps finds whatever outlived a test.
const TOKEN = `exec-test-${process.pid}`
const dir = mkdtempSync(join(tmpdir(), 'cli-exec-'))

/** A Node one-liner as exec's command, tagged with the token. */
const node = (script: string) => ['--', process.execPath, '-e', script, TOKEN]

afterEach(() => killProcessesWith(TOKEN))

// One at a time: the ps checks look at every process carrying the token.
describe('exec', { timeout: READY_TIMEOUT_MS * 2 }, () => {
  it.each([0, 1, 3])('exits with the command status %i and leaves no process', async (status) => {
    const out = join(dir, `env-${status}.json`)
    const script = `
      const env = process.env
      fetch(env.AUTH0_EMULATOR_URL + '/__emulator/health').then((r) => r.text()).then((health) => {
        const seen = { health, url: env.AUTH0_EMULATOR_URL, domain: env.AUTH0_DOMAIN,
          issuer: env.AUTH0_ISSUER_BASE_URL, ca: env.NODE_EXTRA_CA_CERTS ?? null }
        require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(seen))
        process.exit(${status})
      })`
    const exec = spawnCli(['exec', '--log', 'silent', ...node(script)], { PORT: '4000' })
    expect(await exec.exited).toBe(status)
    const seen = JSON.parse(readFileSync(out, 'utf8'))
    expect(seen.health).toBe('{"status":"ok"}')
    expect(seen.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(seen.url).not.toBe('http://127.0.0.1:4000')
    expect(seen.domain).toBe(seen.url.replace('http://', ''))
    expect(seen.issuer).toBe(`${seen.url}/`)
    // Passed through unchanged without --https.
    expect(seen.ca).toBe(process.env.NODE_EXTRA_CA_CERTS ?? null)
    expect(exec.stdout()).toBe('')
    expect(exec.stderr()).toContain(`listening on ${seen.url}`)
    expect(processesWith(TOKEN)).toEqual([])
    await expect(fetch(`${seen.url}/__emulator/health`)).rejects.toThrow()
  })

  it('gives the command the certificate to trust with --https', async () => {
    const certDir = join(dir, 'certs')
    const script = `
      fetch(process.env.AUTH0_EMULATOR_URL + '/__emulator/health').then((r) => r.text())
        .then((t) => console.log(t, process.env.NODE_EXTRA_CA_CERTS, process.env.AUTH0_ISSUER_BASE_URL))`
    const exec = spawnCli(['exec', '--https', '--log', 'silent', ...node(script)], {
      AUTH0_EMULATOR_CERT_DIR: certDir,
      NODE_EXTRA_CA_CERTS: '',
    })
    expect(await exec.exited).toBe(0)
    expect(exec.stdout()).toMatch(
      new RegExp(
        `^\\{"status":"ok"\\} ${join(certDir, 'cert.pem')} https://127\\.0\\.0\\.1:\\d+/\\n$`,
      ),
    )
  })

  it('runs examples/exec under node:test and passes its success through', async () => {
    const exec = spawnCli([
      'exec',
      '--log',
      'silent',
      '--',
      process.execPath,
      // A no-op import that carries the token (node --test would take a bare one for a file).
      `--import=data:text/javascript,//${TOKEN}`,
      '--test',
      'examples/exec/recovery.test.mjs',
    ])
    expect(await exec.exited).toBe(0)
    expect(exec.stdout()).toMatch(/^# pass 1$/m)
  })

  it('exits 1 with one line for a bad fixture and runs nothing', async () => {
    const fixture = join(dir, 'bad.json')
    writeFileSync(fixture, '{"tenant": ')
    const marker = join(dir, 'ran')
    const exec = spawnCli([
      'exec',
      '--fixtures',
      fixture,
      ...node(`require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`),
    ])
    expect(await exec.exited).toBe(1)
    expect(exec.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(/^auth0-mfa-emulator: .*bad\.json.*JSON/),
    ])
    expect(exec.stdout()).toBe('')
    expect(existsSync(marker)).toBe(false)
  })

  it('exits 1 with one line when there is no command after --', async () => {
    const exec = spawnCli(['exec', '--log', 'silent'])
    expect(await exec.exited).toBe(1)
    expect(exec.stderr().trim()).toBe(
      'auth0-mfa-emulator: exec needs a command after --, as in: auth0-mfa-emulator exec -- npm test (run exec --help for more)',
    )
  })

  it('passes SIGTERM to the command, stops the emulator and leaves no process', async () => {
    const pidFile = join(dir, 'sleeper.json')
    const script = `
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)},
        JSON.stringify({ pid: process.pid, url: process.env.AUTH0_EMULATOR_URL }))
      setInterval(() => {}, 1000)`
    const exec = spawnCli(['exec', '--log', 'silent', ...node(script)])
    while (!existsSync(pidFile) && exec.child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const { pid, url } = JSON.parse(readFileSync(pidFile, 'utf8'))
    expect(processesWith(TOKEN)).toContain(pid)
    exec.child.kill('SIGTERM')
    // The command ended by SIGTERM: 128 + 15, as a shell reports it.
    expect(await exec.exited).toBe(143)
    expect(processesWith(TOKEN)).toEqual([])
    await expect(fetch(`${url}/__emulator/health`)).rejects.toThrow()
  })

  it('kills a command that ignores SIGTERM on a second signal', async () => {
    const pidFile = join(dir, 'stubborn.json')
    const script = `
      process.on('SIGTERM', () => {})
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid))
      setInterval(() => {}, 1000)`
    const exec = spawnCli(['exec', '--log', 'silent', ...node(script)])
    while (!existsSync(pidFile) && exec.child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    exec.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(processesWith(TOKEN)).toContain(Number(readFileSync(pidFile, 'utf8')))
    exec.child.kill('SIGTERM')
    // Ended by SIGKILL: 128 + 9.
    expect(await exec.exited).toBe(137)
    expect(processesWith(TOKEN)).toEqual([])
  })
})
