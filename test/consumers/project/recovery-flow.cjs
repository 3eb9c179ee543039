// The flow every consumer runs against the installed package: a password grant for alice answers
// 403 mfa_required with an mfa_token, and her recovery code redeems it for tokens and a new code.
const assert = require('node:assert/strict')

const ALICE_CODE = 'K6LGLV3RSH3VERMKET8L7QKU'
const RECOVERY_CODE = /^[123456789ABCDEFGHJKLMNPQRSTUVWXYZ]{24}$/

async function post(base, body) {
  const res = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  })
  return { status: res.status, body: await res.json() }
}

/** Runs the recovery-code redemption against `base`; resolves with the new recovery code. */
async function redeemRecoveryCode(base = 'https://dev-tenant.local') {
  const login = await post(base, {
    grant_type: 'password',
    username: 'alice@example.com',
    password: 'Passw0rd!',
    client_id: 'spa-client',
    scope: 'openid profile',
  })
  assert.equal(login.status, 403, JSON.stringify(login.body))
  assert.equal(login.body.error, 'mfa_required')
  assert.equal(typeof login.body.mfa_token, 'string')
  const redeemed = await post(base, {
    grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
    client_id: 'spa-client',
    mfa_token: login.body.mfa_token,
    recovery_code: ALICE_CODE,
  })
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body))
  assert.match(redeemed.body.recovery_code, RECOVERY_CODE)
  assert.notEqual(redeemed.body.recovery_code, ALICE_CODE)
  assert.equal(typeof redeemed.body.access_token, 'string')
  return redeemed.body.recovery_code
}

module.exports = { redeemRecoveryCode, ALICE_CODE }
