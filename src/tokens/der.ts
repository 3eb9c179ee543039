// A DER writer for the few ASN.1 types one X.509 certificate needs. It runs wherever WebCrypto
// does (browsers included), which the certificate libraries installed here do not.

type Bytes = Uint8Array<ArrayBuffer>

function concat(parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

function length(n: number): number[] {
  if (n < 0x80) return [n]
  const bytes: number[] = []
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return [0x80 | bytes.length, ...bytes]
}

/** One type-length-value element. */
export function tlv(tag: number, ...content: readonly Uint8Array[]): Bytes {
  const body = concat(content)
  return concat([Uint8Array.of(tag, ...length(body.length)), body])
}

/** SEQUENCE of the given elements. */
export const sequence = (...items: readonly Uint8Array[]) => tlv(0x30, ...items)

/** SET of the given elements (callers pass them already in DER order). */
export const set = (...items: readonly Uint8Array[]) => tlv(0x31, ...items)

/** An explicit context-specific tag `[n]` around `inner`. */
export const explicit = (n: number, inner: Uint8Array) => tlv(0xa0 | n, inner)

/** NULL. */
export const nul = () => Uint8Array.of(0x05, 0x00)

/** BOOLEAN. */
export const boolean = (value: boolean) => Uint8Array.of(0x01, 0x01, value ? 0xff : 0x00)

/** A non-negative INTEGER from its unsigned big-endian bytes (minimal, sign byte added). */
export function unsignedInteger(bytes: Uint8Array): Bytes {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const digits = bytes.subarray(start)
  const sign = (digits[0] ?? 0) & 0x80 ? [0] : []
  return tlv(0x02, Uint8Array.from(sign), digits.length ? digits : Uint8Array.of(0))
}

/** A small non-negative INTEGER. */
export const smallInteger = (n: number) => unsignedInteger(Uint8Array.of(n))

/** OBJECT IDENTIFIER from dotted form (`2.5.4.3`). */
export function oid(dotted: string): Bytes {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [40 * first + second]
  for (const arc of rest) {
    const base128 = [arc & 0x7f]
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) {
      base128.unshift(0x80 | (v & 0x7f))
    }
    bytes.push(...base128)
  }
  return tlv(0x06, Uint8Array.from(bytes))
}

/** OCTET STRING. */
export const octetString = (bytes: Uint8Array) => tlv(0x04, bytes)

/** BIT STRING with `unusedBits` padding bits at the end of `bytes`. */
export const bitString = (bytes: Uint8Array, unusedBits = 0) =>
  tlv(0x03, Uint8Array.of(unusedBits), bytes)

/** UTF8String. */
export const utf8String = (text: string) => tlv(0x0c, new TextEncoder().encode(text))

/** A certificate time: UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
export function time(ms: number): Bytes {
  const iso = new Date(ms).toISOString() // 2026-01-01T00:00:00.000Z
  const year = Number(iso.slice(0, 4))
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  const ascii = (s: string) => new TextEncoder().encode(s)
  return year >= 1950 && year < 2050 ? tlv(0x17, ascii(digits.slice(2))) : tlv(0x18, ascii(digits))
}
