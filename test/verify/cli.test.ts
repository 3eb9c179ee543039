import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/index.js'
import { verify } from '../../src/verify/index.js'
import { type CliProcess, spawnCli } from '../support/cli.js'
import {
  CREDENTIALS,
  DIFFERENT,
  DIFFERENT_OVERLAY,
  optionsFor,
  startTenant,
  tenantFixture,
  USER_ID,
} from './tenant.js'

let cli: CliProcess | undefined
let tenant: RunningServer | undefined

afterEach(async () => {
  if (cli && cli.child.exitCode === null) cli.child.kill('SIGKILL')
  cli = undefined
  await tenant?.close(0)
  tenant = undefined
})

it('prints each case and what differs, records an overlay a second run matches, and prints no secret', async () => {
  tenant = await startTenant(tenantFixture(DIFFERENT))
  const dir = mkdtempSync(join(tmpdir(), 'verify-cli-'))
  const base = join(dir, 'base.json')
  const overlay = join(dir, 'overlay.json')
  writeFileSync(base, JSON.stringify(tenantFixture()))
  cli = spawnCli(
    [
      'verify',
      '--domain',
      CREDENTIALS.domain,
      '--base-url',
      tenant.url,
      '--client-id',
      CREDENTIALS.clientId,
      '--username',
      CREDENTIALS.username,
      '--fixtures',
      base,
      '--record',
      overlay,
      '--expiry-wait',
      '12',
    ],
    {
      AUTH0_VERIFY_CLIENT_SECRET: CREDENTIALS.clientSecret,
      AUTH0_VERIFY_PASSWORD: CREDENTIALS.password,
      AUTH0_VERIFY_RECOVERY_CODE: CREDENTIALS.recoveryCode,
    },
  )
  const code = await cli.exited
  const stdout = cli.stdout()
  expect(cli.stderr()).toBe('')
  expect(code).toBe(1)
  const heads = stdout.split('\n').filter((line) => /^\[\s*\d+\/16\]/.test(line))
  expect(heads).toHaveLength(16)
  expect(heads.map((line) => /✗ DIFFERS (\S+):/.exec(line)?.[1]).filter(Boolean)).toEqual([
    'wrong-recovery-code',
    'right-recovery-code',
    'used-mfa-token',
    'used-recovery-code',
    'lower-case-recovery-code',
    'unknown-grant-type',
    'mfa-token-lifetime',
  ])
  expect(stdout).toContain(
    '≠ error_description: tenant "MFA Authorization rejected." | emulator "Invalid recovery_code."',
  )
  expect(stdout).toContain(`recorded the fixture overlay to ${overlay}`)
  const newCode = tenant.emulator.currentRecoveryCode(USER_ID) ?? ''
  const lines = stdout.trimEnd().split('\n')
  expect(lines.at(-1)).toBe(
    `NEW RECOVERY CODE: ${newCode} (the code you passed is used up; store this one, e.g. as AUTH0_VERIFY_RECOVERY_CODE)`,
  )
  const beforeLast = lines.slice(0, -1).join('\n')
  for (const secret of [
    CREDENTIALS.password,
    CREDENTIALS.clientSecret,
    CREDENTIALS.recoveryCode,
    newCode,
  ]) {
    expect(beforeLast).not.toContain(secret)
  }
  expect(JSON.parse(readFileSync(overlay, 'utf8'))).toEqual(DIFFERENT_OVERLAY)

  const second = await verify({
    ...optionsFor(tenant.url, newCode),
    fixtures: tenantFixture(),
    overlay: DIFFERENT_OVERLAY,
  })
  expect(second.cases.filter((c) => c.status === 'differ')).toEqual([])
  expect(second.exitCode).toBe(0)
}, 120_000)
