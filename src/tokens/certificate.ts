import { base64url } from 'jose'
import {
  bitString,
  boolean,
  explicit,
  nul,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.js'

/** Auth0's signing certificates are valid for exactly this many days. */
export const CERTIFICATE_VALIDITY_DAYS = 5000

const DAY_MS = 86_400_000
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11'
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1'
const COMMON_NAME = '2.5.4.3'
const BASIC_CONSTRAINTS = '2.5.29.19'
const SUBJECT_KEY_IDENTIFIER = '2.5.29.14'
const KEY_USAGE = '2.5.29.15'

/** What a signing certificate is made from. */
export interface CertificateInput {
  /** The subject and issuer CN: the tenant's domain. */
  commonName: string
  /** The RSA public key's JWK members (base64url). */
  n: string
  e: string
  /** The matching RS256 private key, which signs the certificate itself. */
  privateKey: CryptoKey
  /** Start of validity, in milliseconds (whole seconds are kept). */
  notBefore: number
  /** Random bytes for the 9-byte serial; WebCrypto's by default. */
  random?: (size: number) => Uint8Array
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
}

function serialNumber(random: (size: number) => Uint8Array): Uint8Array {
  const serial = Uint8Array.from(random(9))
  // Positive and exactly nine bytes in DER: the first byte is 0x01–0x7f.
  serial[0] = 1 + ((serial[0] ?? 0) % 0x7f)
  return serial
}

const name = (commonName: string) =>
  sequence(set(sequence(oid(COMMON_NAME), utf8String(commonName))))

const extension = (id: string, critical: boolean, value: Uint8Array) =>
  critical
    ? sequence(oid(id), boolean(true), octetString(value))
    : sequence(oid(id), octetString(value))

/**
 * A self-signed X.509 v3 certificate for an RS256 signing key, shaped like the ones in Auth0's
 * JWKS: `CN={domain}` as subject and issuer, a 9-byte random serial, exactly 5000 days of
 * validity, sha256WithRSA, BasicConstraints CA:TRUE (critical), SubjectKeyIdentifier, and
 * KeyUsage digitalSignature + keyCertSign (critical). Returns standard base64 DER, as `x5c` holds.
 */
export async function createSigningCertificate(input: CertificateInput): Promise<string> {
  const random = input.random ?? ((size) => crypto.getRandomValues(new Uint8Array(size)))
  const rsaPublicKey = sequence(
    unsignedInteger(base64url.decode(input.n)),
    unsignedInteger(base64url.decode(input.e)),
  )
  const keyId = new Uint8Array(await crypto.subtle.digest('SHA-1', rsaPublicKey))
  const algorithm = sequence(oid(SHA256_WITH_RSA), nul())
  const notBefore = Math.floor(input.notBefore / 1000) * 1000
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serialNumber(random)),
    algorithm,
    name(input.commonName),
    sequence(time(notBefore), time(notBefore + CERTIFICATE_VALIDITY_DAYS * DAY_MS)),
    name(input.commonName),
    sequence(sequence(oid(RSA_ENCRYPTION), nul()), bitString(rsaPublicKey)),
    explicit(
      3,
      sequence(
        extension(BASIC_CONSTRAINTS, true, sequence(boolean(true))),
        extension(SUBJECT_KEY_IDENTIFIER, false, octetString(keyId)),
        // digitalSignature (bit 0) and keyCertSign (bit 5): 0b1000_0100, two unused bits.
        extension(KEY_USAGE, true, bitString(Uint8Array.of(0x84), 2)),
      ),
    ),
  )
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', input.privateKey, tbs)
  return toBase64(sequence(tbs, algorithm, bitString(new Uint8Array(signature))))
}

/**
 * A certificate given as PEM or as base64 DER, as standard padded base64 without line breaks
 * (the form `x5c` holds). Throws a `TypeError` saying what is wrong otherwise.
 */
export function certificateBase64(text: string): string {
  const body = text
    .replace(/-----BEGIN CERTIFICATE-----|-----END CERTIFICATE-----/g, '')
    .replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
    throw new TypeError('is neither a PEM certificate nor base64 DER')
  }
  const der = fromBase64(body)
  if (der[0] !== 0x30) throw new TypeError('does not decode to a DER certificate')
  return toBase64(der)
}

/** Whether the certificate (base64 DER) holds the RSA modulus `n` (base64url), i.e. its key. */
export function certificateHoldsModulus(certificate: string, n: string): boolean {
  const der = fromBase64(certificate)
  let modulus: Uint8Array
  try {
    modulus = base64url.decode(n)
  } catch {
    return false
  }
  if (modulus.length < 64) return false
  outer: for (let i = 0; i + modulus.length <= der.length; i++) {
    for (let j = 0; j < modulus.length; j++) if (der[i + j] !== modulus[j]) continue outer
    return true
  }
  return false
}

/** The `x5t` of a certificate: unpadded base64url of SHA-1 over its DER. */
export async function certificateThumbprint(certificate: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', fromBase64(certificate))
  return base64url.encode(new Uint8Array(digest))
}
