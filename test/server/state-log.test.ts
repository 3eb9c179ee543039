import { existsSync, writeFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import { createEmulator, type FixtureInput } from '../../src/index.js'
import { startServer } from '../../src/server/index.js'
import { replayLog } from '../../src/server/state-replay.js'
import { writtenState } from '../../src/server/state-written.js'
import { spawnCli } from '../support/cli.js'
import { stateBytes, tempStatePath } from '../support/state-disk.js'

const SNAPSHOT = '{"version":1,"tenants":{}}\n'
const ALICE =
  '{"recovery_code":"AAAAAAAAAAAAAAAAAAAAAAAA","recovery_code_id":"rc","authenticators":[]}'
const CHANGE = `{"t":"dev-tenant","u":{"auth0|alice":${ALICE}}}`
const SCENARIOS = '{"t":"dev-tenant","s":["slow"]}'

/** A snapshot and a log with `line` between two good changes. */
function damaged(line: string): string {
  const path = tempStatePath()
  writeFileSync(path, SNAPSHOT)
  writeFileSync(`${path}.log`, `${CHANGE}\n${line}\n${SCENARIOS}\n`)
  return path
}

const refusal = (path: string, problem: string) =>
  `state file ${path}.log, line 2: ${problem}; fix or delete that line (both files were left untouched; the repository's docs/security.md says how)`

describe('--state-file change log at start', () => {
  it.each([
    ['garbage', 'not valid JSON (Unexpected token \'g\', "garbage" is not valid JSON)'],
    [
      '\0\0\0{"t":"dev-tenant"}',
      'not valid JSON (Unexpected token \'\\x00\', "\\x00\\x00\\x00{"t":"d"... is not valid JSON)',
    ],
    ['{"x":1}', 't: Invalid input: expected string, received undefined'],
    [
      '{"t":"dev-tenant","u":{"auth0|alice":{"recovery_code":5,"recovery_code_id":"x","authenticators":[]}}}',
      'u.auth0|alice.recovery_code: Invalid input: expected string, received number',
    ],
    ['[]', '(root): Too small: expected array to have >=1 items'],
    ['[{"t":"dev-tenant"},{"t":1}]', '[1].t: Invalid input: expected string, received number'],
  ])(
    'refuses a log whose line 2 is %j with one line and changes neither file',
    async (line, problem) => {
      const path = damaged(line)
      const before = stateBytes(path)
      await expect(startServer({ stateFile: path })).rejects.toThrow(refusal(path, problem))
      expect(stateBytes(path)).toEqual(before)
      expect(existsSync(`${path}.lock`)).toBe(false)
    },
  )

  it('makes the CLI exit 1 with that one line and leaves both files byte-identical', async () => {
    const path = damaged('garbage')
    const before = stateBytes(path)
    const cli = spawnCli(['--port', '0', '--state-file', path])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toBe(
      `auth0-mfa-emulator: ${refusal(path, 'not valid JSON (Unexpected token \'g\', "garbage" is not valid JSON)')}\n`,
    )
    expect(cli.stdout()).toBe('')
    expect(stateBytes(path)).toEqual(before)
  })

  it('drops an unfinished last line, which was never acknowledged, with a warning', async () => {
    const path = tempStatePath()
    writeFileSync(path, SNAPSHOT)
    writeFileSync(`${path}.log`, `${CHANGE}\n${SCENARIOS.slice(0, 12)}`)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const server = await startServer({ stateFile: path })
    try {
      expect(warn.mock.calls).toEqual([
        [
          `[auth0-mfa-emulator] state file ${path}.log: dropped its unfinished last line (a write cut short by a crash, never acknowledged)`,
        ],
      ])
      expect(server.emulator.currentRecoveryCode('auth0|alice')).toBe('AAAAAAAAAAAAAAAAAAAAAAAA')
      expect(server.emulator.scenarios.list()).toEqual([])
    } finally {
      warn.mockRestore()
      await server.close()
    }
  })

  it('applies every complete line, several tenants written together included', async () => {
    const path = tempStatePath()
    writeFileSync(path, SNAPSHOT)
    writeFileSync(`${path}.log`, `[${CHANGE},{"t":"other-tenant","s":["slow"]}]\n${SCENARIOS}\n`)
    const server = await startServer({ stateFile: path })
    try {
      expect(server.emulator.currentRecoveryCode('auth0|alice')).toBe('AAAAAAAAAAAAAAAAAAAAAAAA')
      expect(server.emulator.scenarios.list()).toEqual(['slow'])
    } finally {
      await server.close()
    }
  })

  it('writes the changes of several tenants as one line, which replays to both', () => {
    const acme = createEmulator({
      fixtures: {
        ...(defaultJson as FixtureInput),
        tenant: { name: 'acme', domain: 'acme.local' },
      },
    })
    const dev = createEmulator()
    const state = writtenState(new Map([acme, dev].map((e) => [e.name, e])))
    state.changes().written()
    acme.scenarios.set(['slow'])
    dev.scenarios.set(['server-error'])
    const { line } = state.changes()
    expect(line).toBe('[{"t":"acme","s":["slow"]},{"t":"dev-tenant","s":["server-error"]}]')
    const replayed = { version: 1 as const, tenants: {} }
    expect(replayLog(replayed, `${line}\n`)).toEqual({ torn: false })
    expect(replayed.tenants).toEqual({
      acme: { scenarios: ['slow'], users: {} },
      'dev-tenant': { scenarios: ['server-error'], users: {} },
    })
  })
})
