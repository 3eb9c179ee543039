import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readStateFile, startServer } from '../../src/server/index.js'
import { spawnCli } from '../support/cli.js'
import { ALICE_CODE, form, json, redeem } from '../support/requests.js'

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'state-file-')), name)

describe('--state-file', () => {
  it('keeps rotated codes, enrolments and scenarios across restarts', async () => {
    const path = tempFile('state.json')
    const first = await startServer({ stateFile: path })
    const redeemed = await fetch(
      `${first.url}/oauth/token`,
      form(redeem('mfa-token-alice', ALICE_CODE)),
    )
    const { recovery_code } = (await redeemed.json()) as { recovery_code: string }
    await fetch(`${first.url}/__emulator/scenarios`, {
      ...json({ enabled: ['slow'] }),
      method: 'PUT',
    })
    const bob = await first.emulator.issueMfaToken({ userId: 'auth0|bob', clientId: 'spa-client' })
    const enrolled = await fetch(`${first.url}/mfa/associate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bob}` },
      body: JSON.stringify({ authenticator_types: ['otp'] }),
    })
    const { recovery_codes } = (await enrolled.json()) as { recovery_codes: string[] }
    await first.close()

    expect(readStateFile(path)?.tenants['dev-tenant']?.users['auth0|alice']?.recovery_code).toBe(
      recovery_code,
    )
    const second = await startServer({ stateFile: path })
    try {
      expect(second.emulator.currentRecoveryCode('auth0|alice')).toBe(recovery_code)
      expect(second.emulator.currentRecoveryCode('auth0|bob')).toBe(recovery_codes[0])
      expect(second.emulator.scenarios.list()).toEqual(['slow'])
      const users = (await (await fetch(`${second.url}/__emulator/users/auth0%7Cbob`)).json()) as {
        authenticators: { authenticator_type: string; active: boolean }[]
      }
      expect(users.authenticators.map((a) => [a.authenticator_type, a.active])).toEqual([
        ['recovery-code', false],
        ['otp', false],
      ])
    } finally {
      await second.close()
    }
  })

  it('refuses a corrupt file with a clear message and leaves it untouched', async () => {
    const path = tempFile('broken.json')
    writeFileSync(path, '{"version":1,"tenants":')
    await expect(startServer({ stateFile: path })).rejects.toThrow(
      new RegExp(
        `^state file ${path} is not valid JSON \\(.+\\); fix or delete it \\(it was left untouched\\)$`,
      ),
    )
    expect(readFileSync(path, 'utf8')).toBe('{"version":1,"tenants":')
    writeFileSync(path, '{"version":2,"tenants":{}}')
    await expect(startServer({ stateFile: path })).rejects.toThrow(
      `state file ${path}: version: Invalid input: expected 1; fix or delete it (it was left untouched)`,
    )
  })

  it('makes the CLI exit 1 with one line for a corrupt file', async () => {
    const path = tempFile('broken.json')
    writeFileSync(path, 'not json')
    const cli = spawnCli(['--port', '0', '--state-file', path])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toMatch(
      new RegExp(`^auth0-mfa-emulator: state file ${path} is not valid JSON .+\\n$`),
    )
  })

  it('leaves the old or the new state, never a torn file, when the writer is killed mid-write', async () => {
    const path = tempFile('state.json')
    for (let round = 0; round < 3; round++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/support/state-writer.ts', path],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 200)))
      const exited = new Promise((resolve) => child.on('exit', resolve))
      child.kill('SIGKILL')
      await exited
      const state = readStateFile(path)
      const codes = new Set(
        Object.values(state?.tenants['dev-tenant']?.users ?? {}).map((u) => u.recovery_code),
      )
      expect(Object.keys(state?.tenants['dev-tenant']?.users ?? {})).toHaveLength(2000)
      expect(codes.size).toBe(1)
      expect(['AAAAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBBBB']).toContain([...codes][0])
    }
  })
})
