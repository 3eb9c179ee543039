// node:test in CommonJS: require() the package's CommonJS build next to msw/node.
const assert = require('node:assert/strict')
const { test } = require('node:test')
const { setupServer } = require('msw/node')
const { createEmulator } = require('auth0-mfa-emulator')
const { startServer } = require('auth0-mfa-emulator/server')
const { redeemRecoveryCode } = require('../recovery-flow.cjs')

test('redeems a recovery code over HTTP from startServer', async () => {
  const running = await startServer({ port: 0 })
  try {
    const code = await redeemRecoveryCode(running.url)
    assert.equal(running.emulator.currentRecoveryCode('auth0|alice'), code)
  } finally {
    await running.close()
  }
})

test('redeems a recovery code through setupServer', async () => {
  const emulator = createEmulator()
  const server = setupServer(...emulator.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  try {
    const code = await redeemRecoveryCode()
    assert.equal(emulator.currentRecoveryCode('auth0|alice'), code)
  } finally {
    server.close()
  }
})
