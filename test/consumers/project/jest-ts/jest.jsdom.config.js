// The same TypeScript tests in a browser-like environment. jest-fixed-jsdom keeps Node's fetch,
// streams and URL, which msw needs and jsdom alone lacks, but not WebCrypto, which the emulator
// needs: webcrypto.setup.js puts Node's back.
const base = require('./jest.config.js')

module.exports = {
  ...base,
  testEnvironment: 'jest-fixed-jsdom',
  setupFiles: ['<rootDir>/webcrypto.setup.js'],
}
