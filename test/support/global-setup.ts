import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateDevCertificate } from '../../src/server/tls.js'

/**
 * Bundles the CLI into dist/bin/ as `npm run build` does, every run: the CLI tests spawn the built
 * binary (it starts in ~0.3 s, where `node --import tsx` takes seconds on a busy machine), and
 * rebuilding always (under a second with esbuild; tsc's declarations are not needed) means they
 * never test a binary older than the sources.
 */
function bundleCli() {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const run = spawnSync(process.execPath, ['scripts/bundle-cli.mjs'], {
    cwd: root,
    encoding: 'utf8',
  })
  if (run.status !== 0) {
    throw new Error(`bundling the CLI for the tests failed:\n${run.stderr}${run.stdout}`)
  }
}

/**
 * Builds the CLI the tests spawn, and makes a throwaway certificate for the HTTPS tests and trusts
 * it in every test worker through NODE_EXTRA_CA_CERTS (read when a worker starts), keeping any CA
 * file already configured.
 */
export async function setup() {
  bundleCli()
  const dir = mkdtempSync(join(tmpdir(), 'auth0-mfa-emulator-tls-'))
  const { cert, key } = await generateDevCertificate()
  writeFileSync(join(dir, 'cert.pem'), cert)
  writeFileSync(join(dir, 'key.pem'), key)
  const existing = process.env.NODE_EXTRA_CA_CERTS
  const extra = existing && existsSync(existing) ? `${readFileSync(existing, 'utf8')}\n` : ''
  writeFileSync(join(dir, 'ca.pem'), `${extra}${cert}`)
  process.env.NODE_EXTRA_CA_CERTS = join(dir, 'ca.pem')
  process.env.AUTH0_MFA_EMULATOR_TEST_TLS = dir
  return () => rmSync(dir, { recursive: true, force: true })
}
