// Jest 30 with jsdom, as a browser app's tests run. jest-fixed-jsdom keeps Node's fetch, streams
// and URL (msw needs them) but not WebCrypto: webcrypto.setup.js adds it for the emulator.
// The transform is msw's, as in ../jest-node/jest.config.js.
const esmOnly = ['rettime', 'until-async', '@open-draft/deferred-promise']

module.exports = {
  testEnvironment: 'jest-fixed-jsdom',
  setupFiles: ['<rootDir>/webcrypto.setup.js'],
  testPathIgnorePatterns: ['/node_modules/', 'without-webcrypto'],
  transform: {
    '\\.m?js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
}
