// node:test in an ES module: import the package's ES build next to msw/node.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createEmulator } from 'auth0-mfa-emulator'
import { startServer } from 'auth0-mfa-emulator/server'
import { setupServer } from 'msw/node'
import flow from '../recovery-flow.cjs'

test('redeems a recovery code over HTTP from startServer', async () => {
  const running = await startServer({ port: 0 })
  try {
    const code = await flow.redeemRecoveryCode(running.url)
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
    const code = await flow.redeemRecoveryCode()
    assert.equal(emulator.currentRecoveryCode('auth0|alice'), code)
  } finally {
    server.close()
  }
})
