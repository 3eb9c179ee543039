import { X509Certificate } from 'node:crypto'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer, request } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'
import { describe, expect, it } from 'vitest'
import { generateDevCertificate, loadOrCreateDevCertificate } from '../../src/server/tls.js'

const temp = (name: string) => mkdtempSync(join(tmpdir(), `tls-${name}-`))

/** Whether a client that trusts only `ca` accepts `served` for `host`. */
async function accepted(ca: string, served: { cert: string; key: string }, host: string) {
  const server = createServer(served, (_, res) => res.end('ok'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  try {
    return await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, servername: host, ca }, (res) => {
        res.resume()
        resolve(true)
      })
      req.on('error', () => resolve(false))
      req.end()
    })
  } finally {
    server.close()
  }
}

describe('development certificate', () => {
  it('is a leaf: CA:FALSE, so it is no trust anchor for other certificates', async () => {
    const dev = await generateDevCertificate(['localhost', '127.0.0.1'])
    const cert = new X509Certificate(dev.cert)
    expect(cert.ca).toBe(false)
    expect(cert.checkHost('localhost')).toBe('localhost')
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(cert.checkHost('example.com')).toBeUndefined()
    expect(await accepted(dev.cert, dev, 'localhost')).toBe(true)
  })

  it('cannot vouch for a certificate its key signs for another site, as a CA could', async () => {
    const forge = async (issuer: { cert: string; key: string }) => {
      const made = await generate([{ name: 'commonName', value: 'bank.example' }], {
        keyType: 'ec',
        curve: 'P-256',
        algorithm: 'sha256',
        ca: issuer,
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'bank.example' }] }],
      })
      return { cert: made.cert, key: made.private }
    }
    const dev = await generateDevCertificate(['localhost'])
    expect(await accepted(dev.cert, await forge(dev), 'bank.example')).toBe(false)
    // The control: the same forgery under an unconstrained CA (what --https used to make) passes.
    const ca = await generate([{ name: 'commonName', value: 'old' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      ],
    })
    const caPair = { cert: ca.cert, key: ca.private }
    expect(await accepted(ca.cert, await forge(caPair), 'bank.example')).toBe(true)
  })

  it('replaces a cached certificate that is a CA', async () => {
    const dir = temp('cache')
    chmodSync(dir, 0o700)
    const ca = await generate([{ name: 'commonName', value: 'old' }], {
      keyType: 'ec',
      curve: 'P-256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] },
      ],
    })
    writeFileSync(join(dir, 'cert.pem'), ca.cert)
    writeFileSync(join(dir, 'key.pem'), ca.private)
    const made = await loadOrCreateDevCertificate(dir, ['localhost'])
    expect(made.created).toBe(true)
    expect(new X509Certificate(readFileSync(made.certPath, 'utf8')).ca).toBe(false)
  })

  it.each([
    ['writable by other users', (dir: string) => chmodSync(dir, 0o777), /writable by other users/],
    [
      'a symbolic link',
      (dir: string) => {
        const real = join(dir, 'real')
        mkdirSync(real, { mode: 0o700 })
        symlinkSync(real, join(dir, 'certs'))
      },
      /is a symbolic link/,
    ],
  ])('refuses a certificate directory that is %s', async (_, prepare, message) => {
    const base = temp('refuse')
    prepare(base)
    const dir = message.source.includes('symbolic') ? join(base, 'certs') : base
    await expect(loadOrCreateDevCertificate(dir, ['localhost'])).rejects.toThrow(message)
  })

  it('creates a missing certificate directory private (0700)', async () => {
    const dir = join(temp('create'), 'certs')
    await loadOrCreateDevCertificate(dir, ['localhost'])
    const { statSync } = await import('node:fs')
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })

  it('keeps the tests’ certificates in a temporary directory, never in ~/.cache', () => {
    expect(process.env.AUTH0_EMULATOR_CERT_DIR).toMatch(new RegExp(`^${tmpdir()}/`))
  })
})
