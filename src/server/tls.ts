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
  return { cert: pems.cert, key: pems.private, fingerprint: pems.fingerprint }
}
