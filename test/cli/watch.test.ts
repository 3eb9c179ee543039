import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_FIXTURES } from '../../src/cli/start-command.js'
import { outputMatching, READY_TIMEOUT_MS, readyUrl, spawnCli } from '../support/cli.js'

const ALICE = 'K6LGLV3RSH3VERMKET8L7QKU'
const EDITED = 'K6LGLV3RSH3VERMKET8L7QKA'

async function aliceCode(url: string): Promise<string> {
  const res = await fetch(`${url}/__emulator/users/auth0%7Calice`)
  return ((await res.json()) as { recovery_code: string }).recovery_code
}

const lines = (text: string, pattern: RegExp) =>
  text.split('\n').filter((line) => pattern.test(line))

describe('--watch', { timeout: READY_TIMEOUT_MS * 3 }, () => {
  it('resets the tenant to an edited fixture, and keeps the previous one after an invalid edit', async () => {
    const fixture = join(mkdtempSync(join(tmpdir(), 'cli-watch-')), 'tenant.json')
    const original = readFileSync(DEFAULT_FIXTURES, 'utf8')
    writeFileSync(fixture, original)
    const cli = spawnCli(['--watch', '--fixtures', fixture, '--port', '0', '--log', 'silent'])
    const url = await readyUrl(cli)
    expect(await aliceCode(url)).toBe(ALICE)
    await fetch(`${url}/__emulator/scenarios`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: ['slow'] }),
    })

    writeFileSync(fixture, original.replace(ALICE, EDITED))
    await outputMatching(cli, /fixtures reloaded from .*tenant\.json: tenant reset to it\n/)
    expect(await aliceCode(url)).toBe(EDITED)
    const scenarios = await (await fetch(`${url}/__emulator/scenarios`)).json()
    expect(scenarios).toMatchObject({ enabled: [] })

    writeFileSync(fixture, '{ "tenant": ')
    await outputMatching(cli, /fixtures not reloaded/)
    expect(lines(cli.stdout(), /fixtures not reloaded/)).toEqual([
      expect.stringMatching(
        /^auth0-mfa-emulator fixtures not reloaded, still serving the previous ones: .*tenant\.json: .*not valid JSON/,
      ),
    ])
    expect(await aliceCode(url)).toBe(EDITED)
    expect(lines(cli.stdout(), /fixtures reloaded/)).toHaveLength(1)

    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })
})
