// Makes the self-signed certificate (x5c) of each signing key in a fixture file and writes it
// into the file as `certificate`, so the JWKS of that fixture is the same on every start.
// Usage: npm run fixture-cert [-- fixtures/default.json] [--not-before 2026-01-01T00:00:00Z]
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { importJWK, type JWK } from 'jose'
import { createSigningCertificate } from '../src/tokens/certificate.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'not-before': { type: 'string' } },
})
const file = positionals[0] ?? fileURLToPath(new URL('../fixtures/default.json', import.meta.url))
const notBefore = values['not-before'] ? Date.parse(values['not-before']) : Date.now()
if (Number.isNaN(notBefore)) throw new Error(`--not-before: not a date: ${values['not-before']}`)

interface KeyEntry {
  kid: string
  private_jwk: JWK
  certificate?: string
  [member: string]: unknown
}
const fixture = JSON.parse(readFileSync(file, 'utf8')) as {
  tenant: { domain?: string; signing_keys?: KeyEntry[] }
}
const keys = fixture.tenant.signing_keys ?? []
if (!keys.length) throw new Error(`${file} has no tenant.signing_keys`)

fixture.tenant.signing_keys = await Promise.all(
  keys.map(async ({ certificate: _old, ...entry }) => {
    const privateKey = await importJWK(entry.private_jwk, 'RS256')
    if (privateKey instanceof Uint8Array) throw new Error(`${entry.kid}: not an RSA key`)
    const certificate = await createSigningCertificate({
      commonName: fixture.tenant.domain ?? 'dev-tenant.local',
      n: entry.private_jwk.n ?? '',
      e: entry.private_jwk.e ?? '',
      privateKey,
      notBefore,
    })
    return { ...entry, certificate }
  }),
)
writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`)
const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url))
spawnSync(biome, ['format', '--write', file], { stdio: 'inherit' })
console.log(`wrote ${keys.length} certificate(s) into ${file}`)
