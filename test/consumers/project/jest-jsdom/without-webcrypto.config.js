// jest.config.js without its WebCrypto setup file: what a project gets before adding it.
const { setupFiles, testPathIgnorePatterns, ...config } = require('./jest.config.js')

module.exports = { ...config, testMatch: ['**/without-webcrypto.test.js'] }
