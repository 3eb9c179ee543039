// jsdom's crypto has no `subtle`, and it ignores `globalThis.crypto = …`: define Node's instead.
Object.defineProperty(globalThis, 'crypto', { value: require('node:crypto').webcrypto })
