import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startServer } from '../../src/server/index.js'
import { trackChild } from '../support/children.js'
import { readyUrl, spawnCli } from '../support/cli.js'
import { ALICE_CODE } from '../support/requests.js'
import { cliOn, redeemAs, stateBytes, tempStatePath } from '../support/state-disk.js'

/** The pid of a process that has exited, as a crashed server leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = trackChild(spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }))
  await new Promise((resolve) => child.once('exit', resolve))
  return child.pid ?? 0
}

describe('--state-file lock', () => {
  it('refuses a second instance on the same file with one line and leaves both files byte-identical', async () => {
    const path = tempStatePath()
    const first = await cliOn(path)
    const rotated = await redeemAs(first.url, 'auth0|alice', ALICE_CODE)
    expect(rotated.status).toBe(200)
    const before = stateBytes(path)
    expect(before[1]?.length).toBeGreaterThan(0)

    // Its port too: the lock is checked before it listens, so the refusal is the lock's.
    const second = spawnCli(['--port', new URL(first.url).port, '--state-file', path])
    expect(await second.exited).toBe(1)
    expect(second.stderr()).toBe(
      `auth0-mfa-emulator: state file ${path} is in use by process ${first.cli.child.pid} (lock ${path}.lock); stop that process or choose another --state-file\n`,
    )
    expect(stateBytes(path)).toEqual(before)

    // The first server still writes where it should: its next change survives a restart.
    const next = await redeemAs(first.url, 'auth0|alice', rotated.body.recovery_code ?? '')
    expect(next.status).toBe(200)
    first.cli.child.kill('SIGKILL')
    await first.cli.exited
    const restarted = await cliOn(path)
    const stale = await redeemAs(restarted.url, 'auth0|alice', rotated.body.recovery_code ?? '')
    expect(stale.status).toBe(403)
    const latest = await redeemAs(restarted.url, 'auth0|alice', next.body.recovery_code ?? '')
    expect(latest.status).toBe(200)
  })

  it('takes over a lock left by a process that is gone, and removes it on a clean stop', async () => {
    const path = tempStatePath()
    writeFileSync(`${path}.lock`, `${await deadPid()}\n`)
    const { cli, url } = await cliOn(path)
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${cli.child.pid}\n`)
    expect((await redeemAs(url, 'auth0|alice', ALICE_CODE)).status).toBe(200)
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it('lets exactly one of three servers started at once take over a stale lock', async () => {
    const path = tempStatePath()
    writeFileSync(`${path}.lock`, `${await deadPid()}\n`)
    const clis = [1, 2, 3].map(() => spawnCli(['--port', '0', '--state-file', path]))
    const outcomes = await Promise.all(
      clis.map((cli) =>
        readyUrl(cli).then(
          () => 'ready',
          () => 'refused',
        ),
      ),
    )
    expect(outcomes.filter((o) => o === 'ready')).toHaveLength(1)
    const winner = clis[outcomes.indexOf('ready')]?.child.pid
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${winner}\n`)
    for (const cli of clis.filter((_, i) => outcomes[i] === 'refused')) {
      expect(await cli.exited).toBe(1)
      expect(cli.stderr()).toBe(
        `auth0-mfa-emulator: state file ${path} is in use by process ${winner} (lock ${path}.lock); stop that process or choose another --state-file\n`,
      )
    }
  })

  it.each(['', 'not a pid\n'])('takes over a lock that names no process (%j)', async (text) => {
    const path = tempStatePath()
    writeFileSync(`${path}.lock`, text)
    const server = await startServer({ stateFile: path })
    try {
      expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${process.pid}\n`)
    } finally {
      await server.close()
    }
  })

  it('refuses a second server in the same process until the first is closed', async () => {
    const path = tempStatePath()
    const first = await startServer({ stateFile: path })
    try {
      await expect(startServer({ stateFile: path })).rejects.toThrow(
        `state file ${path} is in use by process ${process.pid} (lock ${path}.lock); stop that process or choose another --state-file`,
      )
    } finally {
      await first.close()
    }
    const second = await startServer({ stateFile: path })
    await second.close()
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it('frees the file when the server cannot listen', async () => {
    const path = tempStatePath()
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const { port } = taken.address() as { port: number }
    try {
      await expect(startServer({ stateFile: path, port })).rejects.toThrow(
        `port ${port} on 127.0.0.1 is already in use`,
      )
    } finally {
      taken.close()
    }
    expect(existsSync(`${path}.lock`)).toBe(false)
  })
})
