import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateDevCertificate } from '../../src/server/tls.js'

/**
 * Makes a throwaway certificate for the HTTPS tests and trusts it in every test worker through
 * NODE_EXTRA_CA_CERTS (read when a worker starts), keeping any CA file already configured.
 */
export async function setup() {
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
