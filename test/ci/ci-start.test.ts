import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { consumerProject, expectSuccess, ROOT, run, tmpSubdir } from '../consumers/support.js'

// scripts/ci-start.sh, which action.yml runs, against the package installed in a project: the
// outputs it writes to GITHUB_OUTPUT, the server answering, and the server stopped after.
let dir = ''
beforeAll(async () => {
  dir = await consumerProject()
})

async function start(name: string, inputs: Record<string, string>) {
  const tmp = tmpSubdir(`ci-${name}`)
  const output = join(tmp, 'github-output')
  const result = await run('bash', [join(ROOT, 'scripts/ci-start.sh')], {
    cwd: dir,
    env: { ...inputs, GITHUB_OUTPUT: output, RUNNER_TEMP: tmp },
  })
  const outputs = result.code === 0 ? readOutputs(output) : {}
  return { result, outputs, tmp }
}

function readOutputs(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
}

/** Stops the server by the pid it reported and waits until the process is gone. */
async function stop(pid: number) {
  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  process.kill(pid, 'SIGKILL')
  throw new Error(`pid ${pid} still ran 10 s after SIGTERM`)
}

describe('ci-start.sh', () => {
  it('starts on a free port with scenarios and writes url, ca-file, pid and log-file', async () => {
    const { result, outputs } = await start('http', {
      INPUT_PORT: '0',
      INPUT_SCENARIOS: 'expired-mfa-token, slow',
    })
    expectSuccess(result, 'ci-start.sh')
    expect(outputs.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(outputs['ca-file']).toBe('')
    const pid = Number(outputs.pid)
    try {
      const res = await fetch(`${outputs.url}/__emulator/scenarios`)
      expect((await res.json()).enabled).toEqual(['expired-mfa-token', 'slow'])
      expect(readFileSync(outputs['log-file'] ?? '', 'utf8')).toContain('listening on')
    } finally {
      await stop(pid)
    }
  })

  it('serves HTTPS with the certificate it names in ca-file, from a fixtures file', async () => {
    const tmp = tmpSubdir('ci-https-certs')
    const { result, outputs } = await start('https', {
      INPUT_HTTPS: 'true',
      INPUT_FIXTURES: join(dir, 'node_modules/auth0-mfa-emulator/fixtures/default.json'),
      AUTH0_EMULATOR_CERT_DIR: tmp,
    })
    expectSuccess(result, 'ci-start.sh --https')
    expect(outputs.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(outputs['ca-file']).toBe(join(tmp, 'cert.pem'))
    const pid = Number(outputs.pid)
    try {
      // A fresh Node that trusts only the printed certificate completes the TLS handshake.
      const probe = await run(
        process.execPath,
        [
          '-e',
          'fetch(process.argv[1]).then((r) => console.log(r.status))',
          `${outputs.url}/__emulator/health`,
        ],
        { cwd: dir, env: { NODE_EXTRA_CA_CERTS: outputs['ca-file'] } },
      )
      expect(probe.stdout.trim()).toBe('200')
    } finally {
      await stop(pid)
    }
  })

  it('keeps the certificate in a private directory of its own without AUTH0_EMULATOR_CERT_DIR', async () => {
    const { result, outputs, tmp } = await start('https-private', { INPUT_HTTPS: 'true' })
    expectSuccess(result, 'ci-start.sh --https')
    const pid = Number(outputs.pid)
    try {
      const certDir = dirname(outputs['ca-file'] ?? '')
      expect(certDir).toMatch(new RegExp(`^${tmp}/auth0-mfa-emulator-cert\\.\\w+$`))
      expect(statSync(certDir).mode & 0o777).toBe(0o700)
    } finally {
      await stop(pid)
    }
  })

  it('refuses a certificate directory another user can write', async () => {
    const shared = tmpSubdir('ci-shared-certs')
    chmodSync(shared, 0o777)
    const { result } = await start('https-shared', {
      INPUT_HTTPS: 'true',
      AUTH0_EMULATOR_CERT_DIR: shared,
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `the certificate directory ${shared} is writable by other users`,
    )
    expect(existsSync(join(shared, 'cert.pem'))).toBe(false)
  })

  it('runs INPUT_RUN under exec and exits with its status', async () => {
    const { result } = await start('run', {
      INPUT_RUN: `node -e "fetch(process.env.AUTH0_EMULATOR_URL + '/__emulator/health').then((r) => process.exit(r.ok ? 3 : 1))"`,
    })
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/)
  })

  it.each([
    ['an unknown scenario', { INPUT_SCENARIOS: 'no-such-scenario' }, /no-such-scenario/],
    ['a port that is not a number', { INPUT_PORT: 'eighty' }, /port must be a number/],
    ['a missing fixtures file', { INPUT_FIXTURES: 'nope.json' }, /fixtures file 'nope.json'/],
  ])('fails with one readable line on %s', async (_, inputs, message) => {
    const { result } = await start('bad', inputs)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(message)
  })
})
