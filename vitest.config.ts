import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The packed package in real projects: slow, so `npm run test:package` runs them.
    exclude: [...configDefaults.exclude, 'test/consumers/**', 'test/ci/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
})
