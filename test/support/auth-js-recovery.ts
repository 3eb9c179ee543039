// Runs the recovery flow with @auth0/auth0-auth-js against the domain in argv[2] and prints the
// new recovery code as JSON. Spawned by the tests so NODE_EXTRA_CA_CERTS applies from process start.
import { AuthClient, isMfaRequiredError } from '@auth0/auth0-auth-js'

const domain = process.argv[2] ?? ''
const auth = new AuthClient({
  domain,
  clientId: 'regular-web-app',
  clientSecret: 'regular-web-app-secret',
})
let mfaToken = ''
try {
  await auth.getTokenByPassword({
    username: 'alice@example.com',
    password: 'Passw0rd!',
    scope: 'openid',
  })
} catch (err) {
  if (!isMfaRequiredError(err)) throw err
  mfaToken = err.cause.mfa_token
}
const tokens = await auth.mfa.verify({
  mfaToken,
  factorType: 'recovery-code',
  recoveryCode: 'K6LGLV3RSH3VERMKET8L7QKU',
})
console.log(JSON.stringify({ recoveryCode: tokens.recoveryCode }))
