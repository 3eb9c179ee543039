import { webcrypto } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { assertWebCrypto } from '../../src/support/webcrypto.js'

const FIX =
  /^auth0-mfa-emulator: WebCrypto \(crypto\.subtle\) is missing here, .* Object\.defineProperty\(globalThis, 'crypto', \{ value: require\('node:crypto'\)\.webcrypto \}\) .* 'jest-fixed-jsdom'$/

describe('webcrypto', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('accepts a complete WebCrypto', () => {
    expect(() => assertWebCrypto({ crypto: webcrypto as Crypto })).not.toThrow()
  })

  it.each([
    ['no crypto at all', {}],
    [
      'jsdom: getRandomValues without subtle',
      { crypto: { getRandomValues: webcrypto.getRandomValues } },
    ],
    ['subtle without getRandomValues', { crypto: { subtle: webcrypto.subtle } }],
  ])('names the fix in one line when there is %s', (_, scope) => {
    expect(() => assertWebCrypto(scope as { crypto?: Partial<Crypto> })).toThrow(FIX)
  })

  it('fails createEmulator() at once, before any request, when crypto.subtle is missing', () => {
    vi.stubGlobal('crypto', { getRandomValues: webcrypto.getRandomValues.bind(webcrypto) })
    expect(() => createEmulator()).toThrow(FIX)
  })
})
