import { X509Certificate } from 'node:crypto'
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'
import { ListenError } from './listen.js'

/** A PEM certificate and key for serving HTTPS, with the certificate's SHA-256 fingerprint. */
export interface DevCertificate {
  cert: string
  key: string
  fingerprint: string
}

const DAY_MS = 86_400_000

/**
 * A self-signed leaf certificate for local development, valid for `hosts` (names and IP
 * addresses) and nothing else: `CA:FALSE` and no `keyCertSign`, so whoever reads its key cannot
 * mint a certificate for another site that a machine trusting this one would accept. Trust it as
 * a server certificate (NODE_EXTRA_CA_CERTS, or the browser's steps in docs/frontend.md).
 */
export async function generateDevCertificate(
  hosts: readonly string[] = ['localhost', '127.0.0.1', '::1'],
  now = new Date(),
): Promise<DevCertificate> {
  const isIp = (h: string) => /^[\d.]+$/.test(h) || h.includes(':')
  const pems = await generate(
    [{ name: 'commonName', value: 'auth0-mfa-emulator development certificate' }],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - DAY_MS),
      notAfterDate: new Date(now.getTime() + 397 * DAY_MS),
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: hosts.map((h) =>
            isIp(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h },
          ),
        },
      ],
    },
  )
  return {
    cert: pems.cert,
    key: pems.private,
    fingerprint: new X509Certificate(pems.cert).fingerprint256,
  }
}

/** Where `--https` keeps its certificate unless AUTH0_EMULATOR_CERT_DIR says otherwise. */
export function defaultCertificateDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(cache, 'auth0-mfa-emulator')
}

function usable(certPem: string, hosts: readonly string[], now: Date): boolean {
  try {
    const cert = new X509Certificate(certPem)
    // Earlier versions made a CA: replace it rather than keep serving (and printing) it.
    if (cert.ca) return false
    if (new Date(cert.validTo).getTime() < now.getTime() + DAY_MS) return false
    return hosts.every(
      (h) =>
        (/^[\d.]+$/.test(h) || h.includes(':') ? cert.checkIP(h) : cert.checkHost(h)) !== undefined,
    )
  } catch {
    return false
  }
}

/** A certificate directory that another user could write to: its certificate cannot be trusted. */
export class CertificateDirError extends ListenError {
  override name = 'CertificateDirError'
}

/**
 * Creates `dir` private (0700) when missing, and refuses one that is a symbolic link, owned by
 * someone else or writable by others: anyone who can write there chooses the certificate that is
 * served and printed as the one to trust.
 */
export function assertPrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stat = lstatSync(dir)
  const uid = process.getuid?.()
  const problem = stat.isSymbolicLink()
    ? 'is a symbolic link'
    : uid !== undefined && stat.uid !== uid
      ? 'belongs to another user'
      : (stat.mode & 0o022) !== 0
        ? 'is writable by other users'
        : undefined
  if (problem) {
    throw new CertificateDirError(
      `the certificate directory ${dir} ${problem}; use a private one (AUTH0_EMULATOR_CERT_DIR) or pass --cert and --key`,
    )
  }
}

/** A cached development certificate, as `--https` uses it. */
export interface CachedCertificate {
  cert: string
  key: string
  certPath: string
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint: string
  /** Whether it was made just now (it must be trusted again). */
  created: boolean
}

/**
 * The development certificate in `dir`, made on first use and kept so it is trusted once; made
 * anew when it expires within a day or does not cover `hosts`.
 */
export async function loadOrCreateDevCertificate(
  dir: string,
  hosts: readonly string[],
  now = new Date(),
): Promise<CachedCertificate> {
  assertPrivateDir(dir)
  const certPath = join(dir, 'cert.pem')
  const keyPath = join(dir, 'key.pem')
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8')
    if (usable(cert, hosts, now)) {
      const fingerprint = new X509Certificate(cert).fingerprint256
      return { cert, key: readFileSync(keyPath, 'utf8'), certPath, fingerprint, created: false }
    }
  }
  const made = await generateDevCertificate(hosts, now)
  writeFileSync(keyPath, made.key, { mode: 0o600 })
  writeFileSync(certPath, made.cert)
  return {
    cert: made.cert,
    key: made.key,
    certPath,
    fingerprint: new X509Certificate(made.cert).fingerprint256,
    created: true,
  }
}
