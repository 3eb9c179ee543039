import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it, type TestContext } from 'vitest'
import type { RunningServer } from '../../src/server/index.js'
import { runVerifyCli } from '../../src/verify/index.js'
import { CREDENTIALS, startTenant, tenantFixture } from './tenant.js'

/** A tenant for one test, closed when that test ends (tests here run concurrently). */
async function tenantFor(
  context: TestContext,
  ...args: Parameters<typeof startTenant>
): Promise<RunningServer> {
  const tenant = await startTenant(...args)
  context.onTestFinished(() => tenant.close(0))
  return tenant
}

/** Runs the subcommand in-process, collecting what it prints. */
async function run(baseUrl: string, extra: string[] = [], env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const args = [
    '--domain',
    CREDENTIALS.domain,
    '--base-url',
    baseUrl,
    '--client-id',
    CREDENTIALS.clientId,
    '--username',
    CREDENTIALS.username,
    ...extra,
  ]
  const code = await runVerifyCli(
    args,
    {
      AUTH0_VERIFY_CLIENT_SECRET: CREDENTIALS.clientSecret,
      AUTH0_VERIFY_PASSWORD: CREDENTIALS.password,
      AUTH0_VERIFY_RECOVERY_CODE: CREDENTIALS.recoveryCode,
      ...env,
    },
    {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      write: (text) => out.push(text),
      isTTY: false,
    },
  )
  return { code, out: out.join('\n'), err }
}

const UNCHANGED = 'RECOVERY CODE UNCHANGED: the code you passed still works'

describe.concurrent('verify exits 2 with one line saying what to change', () => {
  it('when the tenant answers 5xx', async (context) => {
    const tenant = await tenantFor(context, tenantFixture(), ['server-error'])
    const result = await run(tenant.url)
    expect(result.code).toBe(2)
    expect(result.err).toEqual([
      'auth0-mfa-emulator verify: could not finish: the tenant answered POST /oauth/token with 500 server_error "Internal server error (scenario server-error)"; it is failing rather than differing: retry later',
    ])
    expect(result.out).toContain(UNCHANGED)
  })

  it('when the tenant does not answer within --timeout', async (context) => {
    const silent = createServer(() => {})
    context.onTestFinished(() => {
      silent.closeAllConnections()
      silent.close()
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    const result = await run(url, ['--timeout', '500'])
    expect(result.code).toBe(2)
    expect(result.err).toEqual([
      `auth0-mfa-emulator verify: could not finish: the tenant did not answer POST /oauth/token within 500 ms; check that ${url} is an Auth0 tenant, or raise --timeout`,
    ])
    expect(result.out).toContain(UNCHANGED)
  })

  it('when the tenant rate-limits the run', async (context) => {
    const limited = createServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json' })
      res.end('{"error":"too_many_requests","error_description":"Rate limit exceeded."}')
    })
    context.onTestFinished(() => {
      limited.close()
    })
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve))
    const result = await run(`http://127.0.0.1:${(limited.address() as AddressInfo).port}`)
    expect(result.code).toBe(2)
    expect(result.err).toEqual([
      'auth0-mfa-emulator verify: could not finish: the tenant rate-limited POST /oauth/token (429 too_many_requests "Rate limit exceeded."); wait a minute and run again',
    ])
  })

  it('when nothing listens at the address', async () => {
    const result = await run('http://127.0.0.1:1')
    expect(result.code).toBe(2)
    expect(result.err).toEqual([
      'auth0-mfa-emulator verify: could not finish: cannot reach the tenant at http://127.0.0.1:1 (ECONNREFUSED); check --base-url and the network',
    ])
  })

  it('when the password is wrong', async (context) => {
    const tenant = await tenantFor(context, tenantFixture())
    const result = await run(tenant.url, [], { AUTH0_VERIFY_PASSWORD: 'not-the-password' })
    expect(result.code).toBe(2)
    expect(result.err).toEqual([
      'auth0-mfa-emulator verify: could not finish: the tenant refused the username or password (403 invalid_grant "Wrong email or password."); check --username and --password (AUTH0_VERIFY_USERNAME, AUTH0_VERIFY_PASSWORD)',
    ])
    expect(result.out).not.toContain('not-the-password')
  })

  it('when the client secret is wrong', async (context) => {
    const tenant = await tenantFor(context, tenantFixture())
    const result = await run(tenant.url, ['--client-secret', 'not-the-secret'])
    expect(result.code).toBe(2)
    expect(result.err).toEqual([
      'auth0-mfa-emulator verify: could not finish: the tenant refused the application\'s credentials (401 access_denied "Unauthorized"); check --client-id and --client-secret (AUTH0_VERIFY_CLIENT_ID, AUTH0_VERIFY_CLIENT_SECRET)',
    ])
  })

  it('when the user has no recovery code', async (context) => {
    const tenant = await tenantFor(context, tenantFixture({}, { recovery_code: null }))
    const result = await run(tenant.url)
    expect(result.code).toBe(2)
    expect(result.err).toEqual([
      'auth0-mfa-emulator verify: could not finish: the user has no recovery code: turn on Recovery Code under Security > Multi-factor Auth and enrol the user again (see docs/verify.md)',
    ])
  })

  it('when the recovery code is not the user’s, leaving it unchanged', async (context) => {
    const tenant = await tenantFor(context, tenantFixture())
    const result = await run(tenant.url, [], {
      AUTH0_VERIFY_RECOVERY_CODE: 'ZZZZZZZZZZZZZZZZZZZZZZZZ',
    })
    expect(result.code).toBe(2)
    expect(result.err).toEqual([
      'auth0-mfa-emulator verify: could not finish: the tenant refused the recovery code (403 invalid_grant "Invalid recovery_code."); pass the user\'s current code with --recovery-code (AUTH0_VERIFY_RECOVERY_CODE), or generate a new one for the user in the dashboard',
    ])
    expect(result.out).toContain(UNCHANGED)
  })

  it('when a credential is missing, before sending anything', async () => {
    const result = await run('http://127.0.0.1:1', [], { AUTH0_VERIFY_PASSWORD: '' })
    expect(result.code).toBe(2)
    expect(result.err).toEqual([
      'auth0-mfa-emulator verify: pass --password (or set AUTH0_VERIFY_PASSWORD)',
    ])
    expect(result.out).toBe('')
  })

  it('when a flag is unknown, with one JSON document under --json', async () => {
    const result = await run('http://127.0.0.1:1', ['--json', '--nope'])
    expect(result.code).toBe(2)
    expect(result.err).toHaveLength(1)
    expect(result.err[0]).toMatch(/^auth0-mfa-emulator verify: Unknown option '--nope'/)
    expect(JSON.parse(result.out)).toMatchObject({ exit_code: 2, new_recovery_code: null })
  })
})
