import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { BoundedSet } from '../../src/server/bounded-set.js'
import { ADVISED_ORIGINS } from '../../src/server/cors.js'
import {
  createApp,
  type LogFormat,
  type RunningServer,
  startServer,
} from '../../src/server/index.js'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close(0)
  server = undefined
})

const advice = (lines: string[], origin: string) =>
  lines.filter((l) => l.includes(`CORS: origin ${origin} `)).length

/** Sends a slow token request and abandons it before the answer comes. */
function abandon(url: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request(`${url}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'auth0-emulator-scenario': 'slow',
      },
    })
    req.on('error', () => resolve())
    req.end('grant_type=password&client_id=spa-client')
    setTimeout(() => {
      req.destroy()
      resolve()
    }, 100)
  })
}

describe('memory held per client', () => {
  it('keeps a bounded set of the most recent values', () => {
    const set = new BoundedSet<number>(3)
    expect([1, 2, 3, 1, 4].map((n) => set.add(n))).toEqual([true, true, true, false, true])
    expect(set.size).toBe(3)
    // 2 was the least recent: it went, and counts as new again.
    expect(set.add(2)).toBe(true)
    expect(set.add(1)).toBe(false)
  })

  it('remembers a bounded number of refused CORS origins, advising again about evicted ones', async () => {
    const lines: string[] = []
    server = await startServer({ log: 'pretty', write: (l) => lines.push(l) })
    const origins = Array.from(
      { length: ADVISED_ORIGINS + 50 },
      (_, i) => `http://site-${i}.example`,
    )
    for (const origin of [...origins, origins[0] ?? '', origins.at(-1) ?? '']) {
      await fetch(`${server.url}/.well-known/jwks.json`, { headers: { origin } })
    }
    expect(ADVISED_ORIGINS).toBeLessThanOrEqual(1000)
    // The first was forgotten (it is advised about a second time); the last is still known.
    expect(advice(lines, origins[0] ?? '')).toBe(2)
    expect(advice(lines, origins.at(-1) ?? '')).toBe(1)
  })

  it.each<LogFormat>(['pretty', 'json'])(
    'holds no journal entry for requests whose client left (%s logs)',
    async (log) => {
      const emulator = createEmulator({ seed: 'memory' })
      emulator.scenarios.enable('slow', { delayMs: 300 })
      const app = createApp(emulator, { log, write: () => {} })
      const http = createServer(app)
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
      try {
        const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
        await Promise.all(Array.from({ length: 20 }, () => abandon(url)))
        // The handlers finish after their clients left: wait for them, however busy the machine.
        await vi.waitFor(() => expect(emulator.requests()).toHaveLength(20), { timeout: 30_000 })
        expect((app.locals.held as () => number)()).toBe(0)
      } finally {
        http.closeAllConnections()
        await new Promise((r) => http.close(r))
      }
    },
  )
})
