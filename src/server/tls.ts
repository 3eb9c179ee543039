import { X509Certificate } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'

/** A PEM certificate and key for serving HTTPS, with the certificate's SHA-256 fingerprint. */
export interface DevCertificate {
  cert: string
  key: string
  fingerprint: string
}

const DAY_MS = 86_400_000

/**
 * A self-signed certificate for local development, valid for `hosts` (names and IP addresses).
 * It is its own trust anchor: add it to NODE_EXTRA_CA_CERTS (or the OS store) to trust it.
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
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
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
    if (new Date(cert.validTo).getTime() < now.getTime() + DAY_MS) return false
    return hosts.every(
      (h) =>
        (/^[\d.]+$/.test(h) || h.includes(':') ? cert.checkIP(h) : cert.checkHost(h)) !== undefined,
    )
  } catch {
    return false
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
  mkdirSync(dir, { recursive: true })
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
