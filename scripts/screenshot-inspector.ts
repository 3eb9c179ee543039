// Renders the inspector with some traffic and saves docs/inspector.png for the README.
// Usage: node --import tsx scripts/screenshot-inspector.ts
import { fileURLToPath } from 'node:url'
import { startServer } from '../src/server/index.js'
import { launchChromium } from '../test/support/chromium.js'

const server = await startServer({ seed: 'screenshot' })
const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body),
  })
const login = {
  grant_type: 'password',
  username: 'alice@example.com',
  password: 'Passw0rd!',
  client_id: 'spa-client',
  scope: 'openid profile email',
}
const recovery = 'http://auth0.com/oauth/grant-type/mfa-recovery-code'
const { mfa_token } = (await (await post(login)).json()) as { mfa_token: string }
await post({
  grant_type: recovery,
  client_id: 'spa-client',
  mfa_token,
  recovery_code: 'WRONGWRONGWRONGWRONGWRON',
})
await post(
  {
    grant_type: recovery,
    client_id: 'spa-client',
    mfa_token,
    recovery_code: 'K6LGLV3RSH3VERMKET8L7QKU',
  },
  { 'auth0-emulator-scenario': 'expired-mfa-token' },
)
await post({
  grant_type: recovery,
  client_id: 'spa-client',
  mfa_token,
  recovery_code: 'K6LGLV3RSH3VERMKET8L7QKU',
})
await post(login)
server.emulator.scenarios.enable('slow', { delayMs: 500 })

const browser = await launchChromium()
const page = await browser.newPage({
  viewport: { width: 1280, height: 1100 },
  colorScheme: 'light',
})
await page.goto(`${server.url}/__emulator/`)
await page.waitForSelector('code[data-user="auth0|alice"]')
const out = fileURLToPath(new URL('../docs/inspector.png', import.meta.url))
await page.screenshot({ path: out, fullPage: true })
await browser.close()
await server.close()
console.log(`wrote ${out}`)
