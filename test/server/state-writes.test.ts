import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readStateFile } from '../../src/server/index.js'
import { diskIo, type StateFileIo } from '../../src/server/state-log.js'
import { ALICE_CODE } from '../support/requests.js'
import { cliOn, redeemAs, serveOnDisk, stateBytes, tempStatePath } from '../support/state-disk.js'

const aliceOnDisk = (path: string) =>
  readStateFile(path)?.tenants['dev-tenant']?.users['auth0|alice']?.recovery_code

/** Fails the first call of `io`'s `step` with `fail`, then behaves as the real disk. */
function failOnce<K extends keyof StateFileIo>(step: K, fail: StateFileIo[K]) {
  let calls = 0
  const real = diskIo[step] as (...args: unknown[]) => unknown
  const wrapped = (...args: unknown[]) =>
    calls++ === 0 ? (fail as (...args: unknown[]) => unknown)(...args) : real(...args)
  return { [step]: wrapped } as Partial<StateFileIo>
}

const eio = () => Promise.reject(Object.assign(new Error('i/o error'), { code: 'EIO' }))

describe('--state-file writes', () => {
  it('answers 500 to a write cut short, keeps the old state, and the old code works after a restart', async () => {
    const path = tempStatePath()
    let asked = 0
    const server = await serveOnDisk(path, {
      io: failOnce('writeAt', async (file, bytes, position) => {
        asked = bytes.length
        const half = bytes.subarray(0, Math.floor(bytes.length / 2))
        return diskIo.writeAt(file, half, position)
      }),
    })
    const before = stateBytes(path)
    try {
      const failed = await redeemAs(server.url, 'auth0|alice', ALICE_CODE)
      expect(failed).toEqual({
        status: 500,
        body: {
          error: 'server_error',
          error_description: `The change could not be written to the state file, so it was not kept: state file ${path}.log: the write was cut short (${Math.floor(asked / 2)} of ${asked} bytes)`,
        },
      })
      expect(server.emulator.currentRecoveryCode('auth0|alice')).toBe(ALICE_CODE)
      expect(stateBytes(path)).toEqual(before)
    } finally {
      await server.close()
    }
    expect(aliceOnDisk(path)).toBe(ALICE_CODE)
    const restarted = await cliOn(path)
    expect((await redeemAs(restarted.url, 'auth0|alice', ALICE_CODE)).status).toBe(200)
  })

  it('answers 500 when the flush fails, takes the line back, and the old code works after a restart', async () => {
    const path = tempStatePath()
    const server = await serveOnDisk(path, { io: failOnce('sync', eio) })
    const before = stateBytes(path)
    try {
      const failed = await redeemAs(server.url, 'auth0|alice', ALICE_CODE)
      expect(failed.status).toBe(500)
      expect(failed.body.error_description).toBe(
        `The change could not be written to the state file, so it was not kept: state file ${path}.log: the write failed (EIO)`,
      )
      expect(stateBytes(path)).toEqual(before)
      // The disk works again: the next change is kept.
      const kept = await redeemAs(server.url, 'auth0|alice', ALICE_CODE)
      expect(kept.status).toBe(200)
      expect(aliceOnDisk(path)).toBe(kept.body.recovery_code)
    } finally {
      await server.close()
    }
  })

  it('refuses every later change when a failed flush cannot be taken back either', async () => {
    const path = tempStatePath()
    const server = await serveOnDisk(path, { io: { sync: eio } })
    try {
      const first = await redeemAs(server.url, 'auth0|alice', ALICE_CODE)
      expect(first.body.error_description).toBe(
        `The change could not be written to the state file, so it was not kept: state file ${path}.log: the write failed (EIO)`,
      )
      const later = await redeemAs(server.url, 'auth0|alice', ALICE_CODE)
      expect(later).toEqual({
        status: 500,
        body: {
          error: 'server_error',
          error_description: `The change could not be written to the state file, so it was not kept: state file ${path}.log: an earlier failed write could not be undone, so no change is kept until a restart`,
        },
      })
      expect(server.emulator.currentRecoveryCode('auth0|alice')).toBe(ALICE_CODE)
    } finally {
      await server.close()
    }
  })

  it('answers 200 when only the compaction fails, as the change is durable in the log', async () => {
    const path = tempStatePath()
    let snapshots = 0
    const server = await serveOnDisk(path, {
      compactWhen: () => true,
      io: {
        // The first snapshot is the one written at start; the next one fails.
        writeSnapshot: (target, text) =>
          snapshots++ === 1 ? eio() : diskIo.writeSnapshot(target, text),
      },
    })
    const snapshotAtStart = readFileSync(path)
    let latest = ''
    try {
      const kept = await redeemAs(server.url, 'auth0|alice', ALICE_CODE)
      expect(kept.status).toBe(200)
      expect(readFileSync(path)).toEqual(snapshotAtStart)
      expect(readFileSync(`${path}.log`, 'utf8')).toContain(kept.body.recovery_code)
      expect(aliceOnDisk(path)).toBe(kept.body.recovery_code)

      // Tried again after the next change: the snapshot holds it and the log starts over.
      const next = await redeemAs(server.url, 'auth0|alice', kept.body.recovery_code ?? '')
      expect(next.status).toBe(200)
      expect(readFileSync(`${path}.log`, 'utf8')).toBe('')
      latest = next.body.recovery_code ?? ''
      expect(aliceOnDisk(path)).toBe(latest)
    } finally {
      await server.close()
    }
    const restarted = await cliOn(path)
    expect((await redeemAs(restarted.url, 'auth0|alice', ALICE_CODE)).status).toBe(403)
    expect((await redeemAs(restarted.url, 'auth0|alice', latest)).status).toBe(200)
  })
})
