import { PRODUCT } from './dev-messages.js'

/**
 * Throws one line that says what to change when the global WebCrypto the emulator signs and
 * verifies tokens with is missing or partial, as in Jest's jsdom environment (no
 * `crypto.subtle`), instead of failing later inside a request with a `500`.
 */
export function assertWebCrypto(scope: { crypto?: Partial<Crypto> } = globalThis): void {
  const crypto = scope.crypto
  if (typeof crypto?.getRandomValues === 'function' && typeof crypto.subtle?.sign === 'function') {
    return
  }
  throw new Error(
    `${PRODUCT}: WebCrypto (globalThis.crypto.subtle) is missing here, and the emulator signs its tokens with it; under Jest's jsdom use testEnvironment 'jest-fixed-jsdom', or set globalThis.crypto = require('node:crypto').webcrypto in a setup file`,
  )
}
