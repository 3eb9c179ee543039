import { defineConfig } from '@playwright/test'

// One emulator started in-process by global-setup.ts (startServer), with a tenant per worker:
// tests running in parallel never see each other's codes, tokens or scenarios.
const chromium = process.env.CHROMIUM_PATH

export default defineConfig({
  testMatch: 'tenants.spec.ts',
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  workers: 2,
  use: {
    ...(chromium ? { launchOptions: { executablePath: chromium, args: ['--no-sandbox'] } } : {}),
  },
})
