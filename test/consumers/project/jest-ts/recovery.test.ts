import { createEmulator } from 'auth0-mfa-emulator'
import { setupServer } from 'msw/node'

const emulator = createEmulator({ seed: 'my-tests' })
const server = setupServer(...emulator.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => emulator.reset())
afterAll(() => server.close())

async function redeem(mfaToken: string, recoveryCode: string) {
  const res = await fetch('https://dev-tenant.local/oauth/token', {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
      client_id: 'spa-client',
      mfa_token: mfaToken,
      recovery_code: recoveryCode,
    }),
  })
  return { status: res.status, body: await res.json() }
}

test('recovers with a recovery code and shows the new one', async () => {
  const mfaToken = await emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
  const { status, body } = await redeem(mfaToken, 'K6LGLV3RSH3VERMKET8L7QKU')
  expect(status).toBe(200)
  expect(body.recovery_code).toBe(emulator.currentRecoveryCode('auth0|alice'))
})

test('tells the user their mfa_token expired', async () => {
  const mfaToken = await emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
  emulator.clock.advance(11 * 60_000)
  const { status, body } = await redeem(mfaToken, 'K6LGLV3RSH3VERMKET8L7QKU')
  expect(status).toBe(403)
  expect(body.error).toBe('expired_token')
})
