import { expect, it } from 'vitest'
import { runVerifyCli } from '../../src/verify/index.js'
import { CREDENTIALS, startTenant, tenantFixture, USER_ID } from './tenant.js'

it('prints one JSON document under --json, and the new code on a labelled stderr line', async (context) => {
  const tenant = await startTenant(tenantFixture())
  context.onTestFinished(() => tenant.close(0))
  const out: string[] = []
  const err: string[] = []
  const code = await runVerifyCli(
    ['--json', '--base-url', tenant.url, '--expiry-wait', '0'],
    {
      AUTH0_VERIFY_DOMAIN: CREDENTIALS.domain,
      AUTH0_VERIFY_CLIENT_ID: CREDENTIALS.clientId,
      AUTH0_VERIFY_CLIENT_SECRET: CREDENTIALS.clientSecret,
      AUTH0_VERIFY_USERNAME: CREDENTIALS.username,
      AUTH0_VERIFY_PASSWORD: CREDENTIALS.password,
      AUTH0_VERIFY_RECOVERY_CODE: CREDENTIALS.recoveryCode,
    },
    { out: (l) => out.push(l), err: (l) => err.push(l), write: (t) => out.push(t), isTTY: true },
  )
  const newCode = tenant.emulator.currentRecoveryCode(USER_ID)
  expect(code).toBe(0)
  expect(out).toHaveLength(1)
  const doc = JSON.parse(out[0] ?? '')
  expect(doc).toMatchObject({
    exit_code: 0,
    problem: null,
    recovery_code_state: 'rotated',
    new_recovery_code: newCode,
    overlay: { tenant: {} },
    recorded_to: null,
  })
  expect(doc.cases).toHaveLength(16)
  expect(err).toEqual([
    `NEW RECOVERY CODE: ${newCode} (the code you passed is used up; store this one, e.g. as AUTH0_VERIFY_RECOVERY_CODE)`,
  ])
  const { new_recovery_code: _, ...rest } = doc
  for (const secret of [
    CREDENTIALS.password,
    CREDENTIALS.clientSecret,
    CREDENTIALS.recoveryCode,
    newCode ?? '-',
  ]) {
    expect(JSON.stringify(rest)).not.toContain(secret)
  }
}, 60_000)
