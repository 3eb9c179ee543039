import { type Flag, helpLine, parserOptionsOf } from '../support/flag-table.js'

export { type Flag, flagSynopsis } from '../support/flag-table.js'

/**
 * Every flag of the CLI, in help order. The parser's options, `ENVIRONMENT`, `--help` and the
 * docs' flag table are all derived from this one table.
 */
export const FLAGS = {
  port: {
    short: 'p',
    type: 'string',
    value: 'N',
    env: 'AUTH0_EMULATOR_PORT',
    envFallback: 'PORT',
    default: '4000',
    description: 'port to listen on, 0 for a free one',
  },
  host: {
    type: 'string',
    value: 'HOST',
    env: 'AUTH0_EMULATOR_HOST',
    default: '127.0.0.1',
    description: 'address to bind',
  },
  fixtures: {
    short: 'f',
    type: 'string',
    value: 'FILE',
    env: 'AUTH0_EMULATOR_FIXTURES',
    default: 'the bundled fixtures/default.json',
    description: 'fixture JSON',
  },
  watch: {
    type: 'boolean',
    env: 'AUTH0_EMULATOR_WATCH',
    description: 'reload the fixture file when it changes (the tenant is reset to it)',
  },
  'fixtures-overlay': {
    type: 'string',
    value: 'FILE',
    env: 'AUTH0_EMULATOR_FIXTURES_OVERLAY',
    description:
      'tenant settings layered over every tenant of the fixtures (as verify --record writes)',
  },
  scenario: {
    short: 's',
    type: 'string',
    multiple: true,
    value: 'NAME',
    env: 'AUTH0_EMULATOR_SCENARIOS',
    envFormat: 'comma-separated',
    description: 'scenario active at start; repeatable',
  },
  issuer: {
    type: 'string',
    value: 'URL',
    env: 'AUTH0_EMULATOR_ISSUER',
    default: "the request's origin + /",
    description: 'fixed issuer for tokens and discovery',
  },
  https: {
    type: 'boolean',
    env: 'AUTH0_EMULATOR_HTTPS',
    description: 'serve HTTPS with a generated, cached certificate',
    note: '(kept in AUTH0_EMULATOR_CERT_DIR, default ~/.cache/auth0-mfa-emulator)',
  },
  cert: {
    type: 'string',
    value: 'FILE',
    env: 'AUTH0_EMULATOR_CERT',
    description: 'your PEM certificate for HTTPS instead',
  },
  key: {
    type: 'string',
    value: 'FILE',
    env: 'AUTH0_EMULATOR_KEY',
    description: 'PEM private key for HTTPS',
  },
  log: {
    type: 'string',
    value: 'FORMAT',
    env: 'AUTH0_EMULATOR_LOG',
    default: 'pretty',
    description: 'pretty, json or silent',
  },
  seed: {
    type: 'string',
    value: 'VALUE',
    env: 'AUTH0_EMULATOR_SEED',
    default: 'random each start',
    description: 'make generated codes and tokens repeatable',
  },
  'admin-token': {
    type: 'string',
    value: 'T',
    env: 'AUTH0_EMULATOR_ADMIN_TOKEN',
    description: 'bearer token for the control API; required off loopback',
  },
  'control-origin': {
    type: 'string',
    multiple: true,
    value: 'ORIGIN',
    env: 'AUTH0_EMULATOR_CONTROL_ORIGINS',
    envFormat: 'comma-separated',
    default: 'same origin only',
    description: 'let pages from ORIGIN call the control API; repeatable',
  },
  'control-host': {
    type: 'string',
    multiple: true,
    value: 'NAME',
    env: 'AUTH0_EMULATOR_CONTROL_HOSTS',
    envFormat: 'comma-separated',
    default: 'loopback names and tenant domains outside .local',
    description:
      'also answer the control API at Host NAME (a .local tenant domain needs it); repeatable',
  },
  'state-file': {
    type: 'string',
    value: 'F',
    env: 'AUTH0_EMULATOR_STATE_FILE',
    default: 'memory only',
    description: 'keep rotated codes, enrolments and scenarios in F across restarts',
  },
  help: { short: 'h', type: 'boolean', description: 'show this help' },
  version: { short: 'v', type: 'boolean', description: 'print the version' },
} as const satisfies Record<string, Flag>

type Flags = typeof FLAGS
type FlagName = keyof Flags & string
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S

/** The options `parseArgs` needs, with the table's literal types so parsed values are typed. */
export type ParserOptions = {
  [K in FlagName]: Pick<Flags[K], Extract<keyof Flags[K], 'type' | 'short' | 'multiple'>>
}

/** The table as `parseArgs` options. */
export const PARSER_OPTIONS = parserOptionsOf(FLAGS) as ParserOptions

const camelCase = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())

/** Flags (in camelCase) and the environment variables that mirror them. */
export const ENVIRONMENT = Object.fromEntries(
  Object.entries(FLAGS).flatMap(([name, flag]: [string, Flag]) =>
    flag.env ? [[camelCase(name), flag.env]] : [],
  ),
) as {
  readonly [K in FlagName as Flags[K] extends { env: string }
    ? CamelCase<K>
    : never]: Flags[K] extends {
    env: infer E
  }
    ? E
    : never
}

/** The `--help` text. */
export function usage(scenarios: readonly string[]): string {
  const lines = Object.entries(FLAGS).map(([name, flag]) => helpLine(name, flag))
  return `Usage: auth0-mfa-emulator [options]

Emulates Auth0's Authentication API for the MFA recovery-code flow.

Options (environment variable in brackets):
${lines.join('\n')}

Scenarios: ${scenarios.join(', ')}

Subcommands:
  auth0-mfa-emulator exec [options] -- COMMAND [ARGS...]  (run COMMAND against a fresh emulator; exec --help)
  auth0-mfa-emulator verify --help  (check the emulator against your own Auth0 tenant)
`
}
