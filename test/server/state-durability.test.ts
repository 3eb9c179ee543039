import type { ChildProcess } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import { readStateFile, startServer } from '../../src/server/index.js'
import { type CliProcess, spawnNode } from '../support/cli.js'
import { ALICE_CODE } from '../support/requests.js'
import { redeemAs } from '../support/state-disk.js'

const tempDir = () => mkdtempSync(join(tmpdir(), 'state-durability-'))
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

async function spawnStateServer(
  path: string,
  fixtures?: string,
): Promise<{ proc: CliProcess; url: string }> {
  const proc = spawnNode(['test/support/state-server.ts', path, ...(fixtures ? [fixtures] : [])])
  children.push(proc.child)
  // No short deadline: a busy machine may take long to start Node; a crash ends the wait at once.
  for (;;) {
    const url = /^(http:\/\/\S+)$/m.exec(proc.stdout())?.[1]
    if (url) return { proc, url }
    if (proc.child.exitCode !== null) throw new Error(`server exited: ${proc.stderr()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('--state-file durability', () => {
  it('never rolls back an acknowledged rotation when killed with SIGKILL under load', async () => {
    const dir = tempDir()
    const users = Array.from({ length: 12 }, (_, i) => ({
      user_id: `auth0|u${i}`,
      email: `u${i}@example.com`,
      password: 'Passw0rd!',
      mfa_required: true,
      recovery_code: ALICE_CODE,
    }))
    const fixtures = join(dir, 'fixture.json')
    writeFileSync(fixtures, JSON.stringify({ ...defaultJson, users, mfa_tokens: [] }))
    const path = join(dir, 'state.json')
    const first = await spawnStateServer(path, fixtures)
    const acknowledged = new Map<string, string[]>(users.map((u) => [u.user_id, [ALICE_CODE]]))
    let stop = false
    const loops = users.map(async ({ user_id }) => {
      const codes = acknowledged.get(user_id) ?? []
      while (!stop) {
        const answer = await redeemAs(first.url, user_id, codes.at(-1) ?? '').catch(() => undefined)
        if (answer?.status !== 200) break
        if (!stop) codes.push(answer.body.recovery_code ?? '')
      }
    })
    while ([...acknowledged.values()].reduce((n, c) => n + c.length, 0) < 150) {
      await new Promise((r) => setTimeout(r, 20))
    }
    first.proc.child.kill('SIGKILL')
    stop = true
    await Promise.all(loops)
    await first.proc.exited
    const saved = readStateFile(path)?.tenants['dev-tenant']?.users ?? {}
    for (const [userId, codes] of acknowledged) {
      const current = saved[userId]?.recovery_code ?? ALICE_CODE
      // The last acknowledged code, or a newer one whose answer never arrived; never an older one.
      expect(codes.slice(0, -1), userId).not.toContain(current)
    }
  })

  it('writes concurrent changes in shared batches, each acknowledged only once written', async () => {
    const path = join(tempDir(), 'state.json')
    const server = await startServer({ stateFile: path })
    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => redeemAs(server.url, 'auth0|alice', ALICE_CODE)),
      )
      const won = answers.filter((a) => a.status === 200)
      expect(won).toHaveLength(1)
      expect(readStateFile(path)?.tenants['dev-tenant']?.users['auth0|alice']?.recovery_code).toBe(
        won[0]?.body.recovery_code,
      )
    } finally {
      await server.close()
    }
  })

  it('refuses to start when the directory is missing, with one line', async () => {
    const path = join(tempDir(), 'missing', 'state.json')
    await expect(startServer({ stateFile: path })).rejects.toThrow(
      `state file ${path}: its directory ${join(path, '..')} does not exist or is not writable; create it or choose another --state-file`,
    )
  })

  it('refuses a read-only file at start and leaves it as it is', async () => {
    const path = join(tempDir(), 'state.json')
    writeFileSync(path, '{"version":1,"tenants":{}}\n')
    chmodSync(path, 0o444)
    await expect(startServer({ stateFile: path })).rejects.toThrow(
      `state file ${path} is read-only; make it writable or choose another --state-file`,
    )
    expect(readFileSync(path, 'utf8')).toBe('{"version":1,"tenants":{}}\n')
  })

  it('follows a symlink to its target and keeps the link', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'real'))
    const target = join(dir, 'real', 'state.json')
    writeFileSync(target, '{"version":1,"tenants":{}}\n')
    const link = join(dir, 'state.json')
    symlinkSync(target, link)
    const server = await startServer({ stateFile: link })
    try {
      expect((await redeemAs(server.url, 'auth0|alice', ALICE_CODE)).status).toBe(200)
    } finally {
      await server.close()
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(
      readStateFile(target)?.tenants['dev-tenant']?.users['auth0|alice']?.recovery_code,
    ).not.toBe(ALICE_CODE)
  })

  it.skipIf(!existsSync('/dev/full'))(
    'answers 500 when a write fails (a full disk), and keeps nothing it could not write',
    async () => {
      const path = join(tempDir(), 'state.json')
      // The change log beside the file leads to /dev/full, where every write fails with ENOSPC.
      symlinkSync('/dev/full', `${path}.log`)
      const server = await startServer({ stateFile: path })
      try {
        const failed = await redeemAs(server.url, 'auth0|alice', ALICE_CODE)
        expect(failed.status).toBe(500)
        expect(failed.body).toEqual({
          error: 'server_error',
          error_description: `The change could not be written to the state file, so it was not kept: state file ${path}.log: the write failed (ENOSPC)`,
        })
        expect(server.emulator.currentRecoveryCode('auth0|alice')).toBe(ALICE_CODE)
        expect((await redeemAs(server.url, 'auth0|alice', ALICE_CODE)).status).toBe(500)
      } finally {
        await server.close()
      }
      expect(readStateFile(path)?.tenants['dev-tenant']?.users['auth0|alice']?.recovery_code).toBe(
        ALICE_CODE,
      )
    },
  )
})
