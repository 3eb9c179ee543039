import { test as base, expect } from '@playwright/test'
import { tenantOf } from './global-setup'

const RECOVERY_GRANT = 'http://auth0.com/oauth/grant-type/mfa-recovery-code'

// Every request of a worker names its tenant; the page's requests carry the header too.
const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies here
  extraHTTPHeaders: async ({}, use, testInfo) =>
    use({ 'Auth0-Emulator-Tenant': tenantOf(testInfo.parallelIndex) }),
})
test.use({ baseURL: process.env.EMULATOR_URL })

for (const run of [1, 2, 3]) {
  test(`redeems a recovery code in this worker's tenant only (${run})`, async ({ request }) => {
    const mine = test.info().parallelIndex
    const alice = async (tenant: string) => {
      const res = await request.get('/__emulator/users/auth0%7Calice', {
        headers: { 'Auth0-Emulator-Tenant': tenant },
      })
      return (await res.json()).recovery_code as string
    }
    const login = await request.post('/oauth/token', {
      form: {
        grant_type: 'password',
        username: 'alice@example.com',
        password: 'Passw0rd!',
        client_id: 'spa-client',
      },
    })
    expect(login.status()).toBe(403)
    const { mfa_token } = await login.json()
    const redeemed = await request.post('/oauth/token', {
      form: {
        grant_type: RECOVERY_GRANT,
        client_id: 'spa-client',
        mfa_token,
        recovery_code: await alice(tenantOf(mine)),
      },
    })
    expect(redeemed.status()).toBe(200)
    const { recovery_code } = await redeemed.json()
    expect(await alice(tenantOf(mine))).toBe(recovery_code)
    expect(await alice(tenantOf(1 - mine))).not.toBe(recovery_code)
  })
}

test('opens the inspector of its own tenant', async ({ page }) => {
  await page.goto('/__emulator/')
  await expect(page.locator('#tenant-name')).toContainText('dev-tenant.local')
})
