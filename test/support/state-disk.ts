import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator } from '../../src/emulator.js'
import { createApp } from '../../src/server/app.js'
import { listen } from '../../src/server/listen.js'
import { type StatePersisterOptions, statePersister } from '../../src/server/state-keeper.js'
import { readyUrl, spawnCli } from './cli.js'
import { form, redeem } from './requests.js'

/** A fresh directory's `state.json`, not created yet. */
export function tempStatePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'state-disk-')), 'state.json')
}

/** The bytes of a state file and of its log (null when absent), to compare before and after. */
export function stateBytes(path: string): (Buffer | null)[] {
  return [path, `${path}.log`].map((p) => (existsSync(p) ? readFileSync(p) : null))
}

/** Mints an mfa_token through the control API and redeems `code` with it. */
export async function redeemAs(url: string, userId: string, code: string) {
  const mint = await fetch(`${url}/__emulator/mfa-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: userId, client_id: 'spa-client' }),
  })
  const { mfa_token } = (await mint.json()) as { mfa_token: string }
  const res = await fetch(`${url}/oauth/token`, form(redeem(mfa_token, code)))
  return { status: res.status, body: (await res.json()) as Record<string, string> }
}

/** Starts the built CLI on a state file and waits for its URL; the test's end kills it. */
export async function cliOn(path: string) {
  const cli = spawnCli(['--port', '0', '--log', 'silent', '--state-file', path])
  return { cli, url: await readyUrl(cli) }
}

/**
 * A server on a state file whose disk a test replaces in part (a write cut short, a failed
 * snapshot); `close()` frees the file for a restart.
 */
export async function serveOnDisk(path: string, options: StatePersisterOptions) {
  const emulator = createEmulator()
  const persister = await statePersister(path, new Map([[emulator.name, emulator]]), options)
  const server = createServer(createApp([emulator], { log: 'silent' }))
  await listen(server, 0, '127.0.0.1')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    emulator,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve))
      server.closeAllConnections()
      await closed
      await persister.close()
    },
  }
}
