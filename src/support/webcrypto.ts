import { PRODUCT } from './dev-messages.js'

/**
 * Throws one line that says what to change when the global WebCrypto the emulator signs and
 * verifies tokens with is missing or partial, as in Jest's jsdom environment (no
 * `crypto.subtle`, even with jest-fixed-jsdom), instead of failing later inside a request with a
 * `500`.
 */
export function assertWebCrypto(scope: { crypto?: Partial<Crypto> } = globalThis): void {
  const crypto = scope.crypto
  if (typeof crypto?.getRandomValues === 'function' && typeof crypto.subtle?.sign === 'function') {
    return
  }
  throw new Error(
    `${PRODUCT}: WebCrypto (crypto.subtle) is missing here, and the emulator signs its tokens with it; under Jest's jsdom add a setup file with Object.defineProperty(globalThis, 'crypto', { value: require('node:crypto').webcrypto }) (jsdom ignores a plain assignment) next to testEnvironment 'jest-fixed-jsdom'`,
  )
}
