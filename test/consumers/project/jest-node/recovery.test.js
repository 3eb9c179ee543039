// Jest 30 in its default CommonJS runtime: require() resolves the package's CommonJS build.
const { setupServer } = require('msw/node')
const { createEmulator } = require('auth0-mfa-emulator')
const { redeemRecoveryCode } = require('../recovery-flow.cjs')

const emulator = createEmulator()
const server = setupServer(...emulator.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => emulator.reset())
afterAll(() => server.close())

test('redeems a recovery code and rotates it', async () => {
  const code = await redeemRecoveryCode()
  expect(emulator.currentRecoveryCode('auth0|alice')).toBe(code)
})

test('turns a scenario on for one request', async () => {
  emulator.scenarios.enable('invalid-recovery-code', { times: 1 })
  await expect(redeemRecoveryCode()).rejects.toThrow(/invalid_grant/)
  await expect(redeemRecoveryCode()).resolves.toMatch(/^[A-Z0-9]{24}$/)
})
