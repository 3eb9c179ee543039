// Jest in its default CommonJS runtime, with tests written in TypeScript. Babel strips the types
// and turns `import` into `require`; msw's CommonJS build requires three ESM-only packages, which
// must be compiled too. auth0-mfa-emulator needs nothing: its `require` entry is CommonJS.
const esmOnly = ['rettime', 'until-async', '@open-draft/deferred-promise']

module.exports = {
  testEnvironment: 'node',
  transform: {
    '\\.[mc]?[jt]s$': [
      'babel-jest',
      {
        presets: ['@babel/preset-typescript'],
        plugins: ['@babel/plugin-transform-modules-commonjs'],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
}
