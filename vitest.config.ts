import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Kills whatever process a test spawned when the test ends, passed or failed.
    setupFiles: ['test/support/setup-children.ts'],
    // Generous: the suite shares two cores with other work; a hung test still fails, just later.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
