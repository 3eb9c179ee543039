import { beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium.js'
import { consumerProject, expectSuccess, freePort, run } from './support.js'

// examples/playwright in the consumer project, run by Playwright's own runner on Debian's
// Chromium: the CLI as a webServer, and startServer in a globalSetup with a tenant per worker.
const browser = chromiumAvailable()
let dir = ''
beforeAll(async () => {
  if (browser) dir = await consumerProject()
})

const playwright = async (config: string, env: Record<string, string> = {}) =>
  expectSuccess(
    await run(
      process.execPath,
      ['node_modules/@playwright/test/cli.js', 'test', '-c', `playwright-example/${config}`],
      { cwd: dir, env: { CI: '1', CHROMIUM_PATH, ...env } },
    ),
    `playwright test -c ${config}`,
  )

describe.skipIf(!browser)('examples/playwright', () => {
  it('type-checks against the installed package', async () => {
    expectSuccess(
      await run(
        process.execPath,
        ['node_modules/typescript/bin/tsc', '-p', 'playwright-example/tsconfig.json'],
        { cwd: dir },
      ),
      'tsc playwright-example',
    )
  })

  it('runs against the CLI that webServer starts and waits for', async () => {
    const result = await playwright('playwright.config.ts', {
      EMULATOR_PORT: String(await freePort()),
    })
    expect(result.stdout).toMatch(/2 passed/)
  })

  it('runs against one startServer from globalSetup with a tenant per worker', async () => {
    const result = await playwright('playwright.tenants.config.ts')
    expect(result.stdout).toMatch(/4 passed/)
    expect(result.stdout).toMatch(/using 2 workers/)
  })
})
