// Bundles the example into a folder any static server can serve, with msw's worker script.
// Usage: node --import tsx examples/browser-worker/build.ts [out-dir]
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const here = fileURLToPath(new URL('.', import.meta.url))
const root = join(here, '..', '..')

/** Builds the example into `out` and returns it. */
export async function buildExample(out = join(here, 'dist')): Promise<string> {
  mkdirSync(out, { recursive: true })
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: join(out, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
    // In this repository the package is its own source; an app imports the installed package.
    alias: { 'auth0-mfa-emulator': join(root, 'src', 'index.ts') },
  })
  copyFileSync(join(here, 'index.html'), join(out, 'index.html'))
  // npm skips msw's postinstall, which would copy this file: `npx msw init <public dir>` does it too.
  const require = createRequire(import.meta.url)
  copyFileSync(
    join(require.resolve('msw/package.json'), '..', 'lib', 'mockServiceWorker.js'),
    join(out, 'mockServiceWorker.js'),
  )
  return out
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`built ${await buildExample(process.argv[2])}`)
}
