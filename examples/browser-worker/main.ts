// The emulator's handlers inside a dev build: msw's service worker answers the tenant's
// endpoints, so the page talks to "Auth0" with plain fetch and no server running.
import { createEmulator } from 'auth0-mfa-emulator'
import { setupWorker } from 'msw/browser'

const TENANT = 'https://dev-tenant.local'
const RECOVERY = 'http://auth0.com/oauth/grant-type/mfa-recovery-code'
const ALICE_CODE = 'K6LGLV3RSH3VERMKET8L7QKU'

const show = (id: string, text: string) => {
  const el = document.getElementById(id)
  if (el) el.textContent = text
}

async function token(body: Record<string, string>) {
  const res = await fetch(`${TENANT}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return (await res.json()) as Record<string, string>
}

async function login() {
  const answer = await token({
    grant_type: 'password',
    username: 'alice@example.com',
    password: 'Passw0rd!',
    client_id: 'spa-client',
    scope: 'openid profile email',
  })
  if (answer.error !== 'mfa_required' || !answer.mfa_token)
    throw new Error(`expected mfa_required, got ${answer.error}`)
  return answer.mfa_token
}

async function main() {
  const emulator = createEmulator()
  await setupWorker(...emulator.handlers).start({ onUnhandledRequest: 'bypass', quiet: true })
  show('status', 'worker started; logging in')
  const redeemed = await token({
    grant_type: RECOVERY,
    client_id: 'spa-client',
    mfa_token: await login(),
    recovery_code: ALICE_CODE,
  })
  show('new-code', redeemed.recovery_code ?? `error: ${redeemed.error}`)
  const reused = await token({
    grant_type: RECOVERY,
    client_id: 'spa-client',
    mfa_token: await login(),
    recovery_code: ALICE_CODE,
  })
  show('reuse', `${reused.error}: ${reused.error_description}`)
  show('status', 'done')
}

main().catch((err: unknown) =>
  show('status', `failed: ${err instanceof Error ? err.message : String(err)}`),
)
