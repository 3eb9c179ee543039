import { defineConfig } from '@playwright/test'

// The emulator as a web server Playwright starts before the tests and stops after them: the
// installed CLI, ready once /__emulator/health answers 200.
const port = Number(process.env.EMULATOR_PORT ?? 4010)
const chromium = process.env.CHROMIUM_PATH

export default defineConfig({
  testMatch: 'web-server.spec.ts',
  workers: 2,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A system Chromium instead of Playwright's download (as the package's own CI runs it).
    ...(chromium ? { launchOptions: { executablePath: chromium, args: ['--no-sandbox'] } } : {}),
  },
  webServer: {
    command: `npx auth0-mfa-emulator --port ${port} --log silent`,
    url: `http://127.0.0.1:${port}/__emulator/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
})
