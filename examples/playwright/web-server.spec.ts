import { expect, test } from '@playwright/test'

const RECOVERY_GRANT = 'http://auth0.com/oauth/grant-type/mfa-recovery-code'

test("redeems alice's recovery code after mfa_required", async ({ request }) => {
  const user = await request.get('/__emulator/users/auth0%7Calice')
  const { recovery_code } = await user.json()
  const login = await request.post('/oauth/token', {
    form: {
      grant_type: 'password',
      username: 'alice@example.com',
      password: 'Passw0rd!',
      client_id: 'spa-client',
      scope: 'openid profile',
    },
  })
  expect(login.status()).toBe(403)
  const { error, mfa_token } = await login.json()
  expect(error).toBe('mfa_required')
  const redeemed = await request.post('/oauth/token', {
    form: { grant_type: RECOVERY_GRANT, client_id: 'spa-client', mfa_token, recovery_code },
  })
  expect(redeemed.status()).toBe(200)
  const tokens = await redeemed.json()
  expect(tokens.recovery_code).toMatch(/^[A-Z0-9]{24}$/)
  expect(tokens.recovery_code).not.toBe(recovery_code)
})

test('shows the inspector with the default tenant', async ({ page }) => {
  await page.goto('/__emulator/')
  await expect(page).toHaveTitle('auth0-mfa-emulator inspector')
  await expect(page.locator('#tenant-name')).toContainText('dev-tenant.local')
})
