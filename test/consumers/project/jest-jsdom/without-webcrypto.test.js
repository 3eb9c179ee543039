// Without WebCrypto, createEmulator() fails at once with one line that says what to add.
const { createEmulator } = require('auth0-mfa-emulator')

test('names the missing WebCrypto and the setup line that adds it', () => {
  expect(globalThis.crypto?.subtle).toBeUndefined()
  expect(() => createEmulator()).toThrow(
    /^auth0-mfa-emulator: WebCrypto \(crypto\.subtle\) is missing here.*Object\.defineProperty\(globalThis, 'crypto'/,
  )
})
