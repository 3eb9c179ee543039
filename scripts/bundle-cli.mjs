// Bundles the CLI (with its dependencies) into dist/bin/, so `npx auth0-mfa-emulator` reads a
// handful of files instead of hundreds at start. The library entry points stay tsc's output.
import { rmSync } from 'node:fs'
import { build } from 'esbuild'

const outdir = new URL('../dist/bin/', import.meta.url).pathname
rmSync(outdir, { recursive: true, force: true })
await build({
  entryPoints: [new URL('../src/cli.ts', import.meta.url).pathname],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['module-sync'],
  logLevel: 'warning',
  // CommonJS dependencies (express) call require(); give the ES module bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
})
