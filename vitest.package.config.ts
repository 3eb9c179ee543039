import { configDefaults, defineConfig } from 'vitest/config'

// npm run test:package: the packed tarball installed into throwaway projects (Jest, node:test,
// TypeScript, Playwright, the CI start script). One file at a time: each one spawns heavy tools.
export default defineConfig({
  test: {
    include: ['test/consumers/**/*.test.ts', 'test/ci/**/*.test.ts'],
    // The consumer project's own tests (Jest's .ts test among them) run under their own runners.
    exclude: [...configDefaults.exclude, 'test/consumers/project/**'],
    globalSetup: ['test/consumers/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
})
