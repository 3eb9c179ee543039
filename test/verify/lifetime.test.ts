import { expect, it } from 'vitest'
import type { RunContext } from '../../src/verify/context.js'
import { measureLifetime } from '../../src/verify/lifetime.js'
import type { Answer } from '../../src/verify/wire.js'

const DATE = Date.UTC(2026, 0, 1, 12, 0, 0)

function sealed(expiry: number): string {
  return `Fe26.2*SERVER_1700000000*${'a'.repeat(64)}*${'b'.repeat(22)}*data*${expiry}*${'c'.repeat(64)}*${'d'.repeat(43)}`
}

/** A context whose tenant answers the login with `token`, its Date header at DATE + 400 ms. */
function contextFor(token: string, expiryWaitSeconds: number, slept: number[]): RunContext {
  const now = Date.now()
  const answer: Answer = {
    status: 403,
    headers: { date: new Date(DATE).toUTCString() },
    text: '',
    json: { error: 'mfa_required', mfa_token: token },
    sentAt: now,
    receivedAt: now,
  }
  return {
    tenant: { send: async () => answer, password: 'p', clientSecret: undefined },
    settings: { expiryWaitSeconds, clientId: 'c', username: 'u', scope: 'openid' },
    sleep: async (ms: number) => {
      slept.push(ms)
    },
  } as unknown as RunContext
}

it('reads the lifetime from a sealed token and waits for it only within --expiry-wait', async () => {
  const slept: number[] = []
  const long = await measureLifetime(contextFor(sealed(DATE + 400 + 600_000), 30, slept))
  expect(long).toEqual({
    kind: 'known',
    seconds: 600,
    toleranceSeconds: 1,
    how: 'read from the token',
    expiredToken: undefined,
  })
  expect(slept).toEqual([])
  const token = sealed(DATE + 400 + 3_000)
  const short = await measureLifetime(contextFor(token, 30, slept))
  expect(short).toMatchObject({ kind: 'known', seconds: 3, expiredToken: token })
  expect(slept).toHaveLength(1)
  expect(slept[0]).toBeGreaterThan(4000)
  expect(slept[0]).toBeLessThanOrEqual(4500)
})

it('reads a token minted in the last moments of a second as its whole lifetime, not one more', async () => {
  // Minted at 12:00:00.960 and answered at .970: Date says 12:00:00, the seal 12:00:05.960.
  const minted = await measureLifetime(contextFor(sealed(DATE + 960 + 5_000), 30, []))
  expect(minted).toMatchObject({ kind: 'known', seconds: 5 })
})

it('gives up on an opaque token when it may not wait', async () => {
  expect(await measureLifetime(contextFor('opaque', 0, []))).toEqual({
    kind: 'unknown',
    reason: 'the token does not show its expiry and --expiry-wait is 0',
  })
})
