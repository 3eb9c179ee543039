import { afterEach, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/index.js'
import { type VerifyReport, verify } from '../../src/verify/index.js'
import {
  DIFFERENT,
  DIFFERENT_OVERLAY,
  optionsFor,
  secretsOf,
  startTenant,
  tenantFixture,
  USER_ID,
} from './tenant.js'

let tenant: RunningServer | undefined

afterEach(async () => {
  // A test may have stopped its tenant on purpose already.
  await tenant?.close(0).catch(() => {})
  tenant = undefined
})

const ids = (report: VerifyReport, status: string) =>
  report.cases.filter((c) => c.status === status).map((c) => c.id)

function expectNoSecrets(report: VerifyReport, secrets: string[]) {
  const { recoveryCode: _, ...rest } = report
  const text = JSON.stringify(rest)
  for (const secret of secrets) expect(text).not.toContain(secret)
}

it('reports exactly the differences of a tenant, and records an overlay that makes a second run match', async () => {
  tenant = await startTenant(tenantFixture(DIFFERENT))
  const first = await verify(optionsFor(tenant.url))
  expect(first.problem).toBeUndefined()
  expect(first.exitCode).toBe(1)
  expect(ids(first, 'differ')).toEqual([
    'wrong-recovery-code',
    'right-recovery-code',
    'used-mfa-token',
    'used-recovery-code',
    'lower-case-recovery-code',
    'unknown-grant-type',
    'mfa-token-lifetime',
  ])
  expect(ids(first, 'skipped')).toEqual(['attempt-limit'])
  const wrong = first.cases.find((c) => c.id === 'wrong-recovery-code')
  expect(wrong?.differences).toEqual([
    {
      what: 'error_description',
      tenant: '"MFA Authorization rejected."',
      emulator: '"Invalid recovery_code."',
    },
  ])
  expect(first.cases.find((c) => c.id === 'used-mfa-token')?.settings).toEqual([
    { setting: 'tenant.mfa_token_reuse.token_grants', value: 'until-expiry' },
  ])
  expect(first.cases.flatMap((c) => c.unrecordable)).toEqual([])
  expect(first.overlay).toEqual(DIFFERENT_OVERLAY)
  const newCode = tenant.emulator.currentRecoveryCode(USER_ID)
  expect(first.recoveryCode).toEqual({ state: 'rotated', code: newCode })
  expectNoSecrets(first, secretsOf('K6LGLV3RSH3VERMKET8L7QKU', newCode))

  const second = await verify({
    ...optionsFor(tenant.url, first.recoveryCode.code),
    overlay: first.overlay,
  })
  expect(second.problem).toBeUndefined()
  expect(ids(second, 'differ')).toEqual([])
  expect(second.exitCode).toBe(0)
  expect(second.overlay).toEqual(DIFFERENT_OVERLAY)
  expect(second.recoveryCode.code).toBe(tenant.emulator.currentRecoveryCode(USER_ID))
}, 90_000)

it('measures the attempt limit and its answer when asked, and matches once recorded', async () => {
  tenant = await startTenant(
    tenantFixture({
      attempt_limit: { max_attempts: 5 },
      errors: { too_many_attempts: { error_description: 'Too many attempts.' } },
    }),
  )
  const options = { ...optionsFor(tenant.url), attemptLimit: true, expiryWaitSeconds: 0 }
  const first = await verify(options)
  expect(first.problem).toBeUndefined()
  expect(ids(first, 'differ')).toEqual(['attempt-limit'])
  const limit = first.cases.find((c) => c.id === 'attempt-limit')
  expect(limit?.tenant?.status).toBe(429)
  expect(limit?.differences.map((d) => d.what)).toEqual([
    'error_description',
    'wrong codes before the limit',
  ])
  expect(first.overlay).toEqual({
    tenant: {
      errors: {
        too_many_attempts: {
          status: 429,
          error: 'too_many_attempts',
          error_description: 'Too many attempts.',
        },
      },
      attempt_limit: { max_attempts: 5 },
    },
  })
  // An hour later the tenant's bucket is full again.
  tenant.emulator.clock.advance(3_600_000)
  const second = await verify({
    ...options,
    recoveryCode: first.recoveryCode.code ?? '',
    overlay: first.overlay,
  })
  expect(second.problem).toBeUndefined()
  // The tenant's clock was moved an hour, which the expiry its tokens carry shows against real
  // time: only the lifetime differs, because of the test, not the overlay.
  expect(ids(second, 'differ')).toEqual(['mfa-token-lifetime'])
}, 90_000)

it('reports the new recovery code when the tenant fails after the code was redeemed', async () => {
  tenant = await startTenant(tenantFixture())
  const running = tenant
  const report = await verify({
    ...optionsFor(running.url),
    onProgress(event) {
      if (event.id === 'used-mfa-token' && !event.report) {
        running.server.close()
        running.server.closeAllConnections()
      }
    },
  })
  expect(report.exitCode).toBe(2)
  expect(report.stoppedIn).toBe('used-mfa-token')
  expect(report.problem).toMatch(
    /^cannot reach the tenant at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); check --base-url and the network$/,
  )
  expect(report.recoveryCode).toEqual({
    state: 'rotated',
    code: running.emulator.currentRecoveryCode(USER_ID),
  })
}, 60_000)

it('uses the fixture it is given, with that fixture’s own credentials for the emulator side', async () => {
  tenant = await startTenant(tenantFixture())
  const base = tenantFixture({}, { password: 'the-fixture-password' })
  const report = await verify({ ...optionsFor(tenant.url), fixtures: base, expiryWaitSeconds: 0 })
  expect(report.problem).toBeUndefined()
  expect(report.exitCode).toBe(0)
  // The tenant's mfa_tokens are Iron seals that carry their expiry, so the lifetime is read
  // from them (and matches) without polling; only the expired-token wait and the limit skip.
  expect(ids(report, 'skipped')).toEqual(['expired-mfa-token', 'attempt-limit'])
}, 60_000)

it('records one wrong-code answer for every case a wrong code reaches', async () => {
  const rejected = { error_description: 'MFA Authorization rejected.' }
  tenant = await startTenant(tenantFixture({ errors: { invalid_recovery_code: rejected } }))
  const report = await verify({ ...optionsFor(tenant.url), expiryWaitSeconds: 0 })
  expect(ids(report, 'differ')).toEqual([
    'wrong-recovery-code',
    'used-recovery-code',
    'lower-case-recovery-code',
  ])
  expect(report.cases.flatMap((c) => c.unrecordable)).toEqual([])
  expect(report.conflicts).toEqual([])
  expect(report.overlay).toEqual({
    tenant: {
      errors: { invalid_recovery_code: { status: 403, error: 'invalid_grant', ...rejected } },
    },
  })
}, 60_000)
