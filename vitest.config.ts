import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The packed package in real projects: slow, so `npm run test:package` runs them.
    exclude: [...configDefaults.exclude, 'test/consumers/**', 'test/ci/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Kills whatever process a test spawned when the test ends, passed or failed.
    setupFiles: ['test/support/setup-children.ts'],
    // Generous: the suite shares two cores with other work; a hung test still fails, just later.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
