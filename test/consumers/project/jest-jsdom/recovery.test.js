// Jest 30 with jsdom: the same flow as in a Node environment, through msw's setupServer.
const { setupServer } = require('msw/node')
const { createEmulator } = require('auth0-mfa-emulator')
const { redeemRecoveryCode } = require('../recovery-flow.cjs')

const emulator = createEmulator()
const server = setupServer(...emulator.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

test('redeems a recovery code in a jsdom environment', async () => {
  expect(typeof window).toBe('object')
  const code = await redeemRecoveryCode()
  expect(emulator.currentRecoveryCode('auth0|alice')).toBe(code)
})
