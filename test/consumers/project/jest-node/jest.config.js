// Jest 30 in its default CommonJS runtime. msw's CommonJS build requires three ESM-only packages,
// which Jest's runtime must have compiled to CommonJS; that is all msw needs. auth0-mfa-emulator
// needs nothing: its `require` entry is CommonJS with its ESM-only dependencies bundled.
const esmOnly = ['rettime', 'until-async', '@open-draft/deferred-promise']

module.exports = {
  testEnvironment: 'node',
  transform: {
    '\\.m?js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
}
