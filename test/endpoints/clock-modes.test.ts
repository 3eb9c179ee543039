import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { form, redeem } from '../support/requests.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  vi.useRealTimers()
  server.resetHandlers()
})
afterAll(() => server.close())

async function loginThenWait(clock: 'emulator' | 'system') {
  const emulator = createEmulator({ clock, seed: 1 })
  server.use(...emulator.handlers)
  vi.useFakeTimers({ toFake: ['Date'] })
  const mfaToken = await emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
  vi.setSystemTime(Date.now() + 11 * 60_000)
  const res = await fetch(
    'https://dev-tenant.local/oauth/token',
    form(redeem(mfaToken, 'K6LGLV3RSH3VERMKET8L7QKU')),
  )
  return { status: res.status, body: await res.json() }
}

describe('clock modes', () => {
  it("follows the test runner's fake timers with clock: 'system'", async () => {
    expect(await loginThenWait('system')).toEqual({
      status: 403,
      body: { error: 'expired_token', error_description: 'mfa_token is expired' },
    })
  })

  it('keeps its own time by default, moved only by emulator.clock', async () => {
    expect((await loginThenWait('emulator')).status).toBe(200)
  })
})
