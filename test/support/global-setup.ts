import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateDevCertificate } from '../../src/server/tls.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name)
      return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs
    }),
  )
}

/**
 * Builds dist/ as `npm run build` does when it is older than the sources: the CLI tests spawn the
 * built binary (it starts in well under a second, where `node --import tsx` takes seconds on a
 * busy machine) and must never test a binary older than the sources.
 */
function buildIfStale() {
  const cli = join(ROOT, 'dist', 'cli.js')
  const built = existsSync(cli) ? statSync(cli).mtimeMs : 0
  if (built >= newestSource(join(ROOT, 'src'))) return
  const run = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' })
  if (run.status !== 0) {
    throw new Error(`building dist/ for the tests failed:\n${run.stderr}${run.stdout}`)
  }
}

/**
 * Builds the CLI the tests spawn, and makes a throwaway certificate for the HTTPS tests and trusts
 * it in every test worker through NODE_EXTRA_CA_CERTS (read when a worker starts), keeping any CA
 * file already configured; the CLI's certificate directory is a temporary one too.
 */
export async function setup() {
  buildIfStale()
  const dir = mkdtempSync(join(tmpdir(), 'auth0-mfa-emulator-tls-'))
  const { cert, key } = await generateDevCertificate()
  writeFileSync(join(dir, 'cert.pem'), cert)
  writeFileSync(join(dir, 'key.pem'), key)
  const existing = process.env.NODE_EXTRA_CA_CERTS
  const extra = existing && existsSync(existing) ? `${readFileSync(existing, 'utf8')}\n` : ''
  writeFileSync(join(dir, 'ca.pem'), `${extra}${cert}`)
  process.env.NODE_EXTRA_CA_CERTS = join(dir, 'ca.pem')
  process.env.AUTH0_MFA_EMULATOR_TEST_TLS = dir
  // Any `--https` a test starts without its own directory keeps its certificate here, never in
  // the developer's ~/.cache/auth0-mfa-emulator.
  process.env.AUTH0_EMULATOR_CERT_DIR = join(dir, 'cli-certs')
  return () => rmSync(dir, { recursive: true, force: true })
}
