// A node:test suite that needs a running emulator and finds it through the environment
// `auth0-mfa-emulator exec` gives it. Run it with:
//   npx auth0-mfa-emulator exec --log silent -- node --test examples/exec/recovery.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'

const base = process.env.AUTH0_EMULATOR_URL
const RECOVERY = 'http://auth0.com/oauth/grant-type/mfa-recovery-code'

async function token(params) {
  const res = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: 'spa-client', ...params }),
  })
  return { status: res.status, body: await res.json() }
}

test('alice logs in, gets mfa_required, and recovers with her recovery code', async () => {
  assert.ok(base, 'AUTH0_EMULATOR_URL is set: run this file under auth0-mfa-emulator exec')
  const login = await token({
    grant_type: 'password',
    username: 'alice@example.com',
    password: 'Passw0rd!',
    scope: 'openid',
  })
  assert.equal(login.status, 403)
  assert.equal(login.body.error, 'mfa_required')
  const recovered = await token({
    grant_type: RECOVERY,
    mfa_token: login.body.mfa_token,
    recovery_code: 'K6LGLV3RSH3VERMKET8L7QKU',
  })
  assert.equal(recovered.status, 200)
  assert.equal(recovered.body.token_type, 'Bearer')
  assert.match(recovered.body.recovery_code, /^[0-9A-Z]{24}$/)
  assert.equal(
    new URL(JSON.parse(Buffer.from(recovered.body.id_token.split('.')[1], 'base64url')).iss).href,
    process.env.AUTH0_ISSUER_BASE_URL,
  )
})
