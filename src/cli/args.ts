import { parseArgs } from 'node:util'
import { isScenarioName, type ScenarioName, unknownScenarioMessage } from '../scenarios/names.js'
import { LOG_FORMATS, type LogFormat } from '../server/request-log.js'

/** A command line that cannot run; the message says what to change. */
export class CliError extends Error {
  override readonly name = 'CliError'
}

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'run'
      port: number
      host: string
      fixtures: string | undefined
      scenarios: ScenarioName[]
      issuer: string | undefined
      https: boolean
      cert: string | undefined
      key: string | undefined
      log: LogFormat
      seed: string | undefined
      adminToken: string | undefined
      stateFile: string | undefined
    }

/** Flags and the environment variables that mirror them. */
export const ENVIRONMENT = {
  port: 'PORT',
  host: 'HOST',
  fixtures: 'AUTH0_EMULATOR_FIXTURES',
  scenario: 'AUTH0_EMULATOR_SCENARIOS',
  issuer: 'AUTH0_EMULATOR_ISSUER',
  https: 'AUTH0_EMULATOR_HTTPS',
  cert: 'AUTH0_EMULATOR_CERT',
  key: 'AUTH0_EMULATOR_KEY',
  log: 'AUTH0_EMULATOR_LOG',
  seed: 'AUTH0_EMULATOR_SEED',
  adminToken: 'AUTH0_EMULATOR_ADMIN_TOKEN',
  stateFile: 'AUTH0_EMULATOR_STATE_FILE',
} as const

function parsePort(value: string, from: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new CliError(
      `${from} must be a port number from 0 to 65535 (0 picks a free port), got '${value}'`,
    )
  }
  return port
}

function parseIssuer(value: string, from: string): string {
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error()
  } catch {
    throw new CliError(
      `${from} must be an absolute http(s) URL such as https://dev-tenant.local/, got '${value}'`,
    )
  }
  return value
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value)
}

/** Parses flags (which win) and environment variables (empty ones count as unset) into a command. */
export function parseCli(
  argv: readonly string[],
  rawEnv: Readonly<Record<string, string | undefined>>,
): CliCommand {
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== ''))
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(argv).values
  } catch (err) {
    throw new CliError(`${(err as Error).message}; run with --help for the flags`)
  }
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const portText = values.port ?? env[ENVIRONMENT.port]
  const port =
    portText === undefined ? 4000 : parsePort(portText, values.port ? '--port' : ENVIRONMENT.port)
  const scenarioNames = values.scenario?.length
    ? values.scenario
    : (env[ENVIRONMENT.scenario] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
  for (const name of scenarioNames) {
    if (!isScenarioName(name)) throw new CliError(`--scenario: ${unknownScenarioMessage(name)}`)
  }
  const log = values.log ?? env[ENVIRONMENT.log] ?? 'pretty'
  if (!(LOG_FORMATS as readonly string[]).includes(log)) {
    throw new CliError(`--log must be one of ${LOG_FORMATS.join(', ')}, got '${log}'`)
  }
  const issuerText = values.issuer ?? env[ENVIRONMENT.issuer]
  const cert = values.cert ?? env[ENVIRONMENT.cert]
  const key = values.key ?? env[ENVIRONMENT.key]
  if (!cert !== !key)
    throw new CliError('--cert and --key go together: give both PEM files, or neither')
  return {
    kind: 'run',
    port,
    host: values.host ?? env[ENVIRONMENT.host] ?? '127.0.0.1',
    fixtures: values.fixtures ?? env[ENVIRONMENT.fixtures],
    scenarios: scenarioNames as ScenarioName[],
    issuer:
      issuerText === undefined
        ? undefined
        : parseIssuer(issuerText, values.issuer ? '--issuer' : ENVIRONMENT.issuer),
    https: Boolean(values.https) || truthy(env[ENVIRONMENT.https]) || cert !== undefined,
    cert,
    key,
    log: log as LogFormat,
    seed: values.seed ?? env[ENVIRONMENT.seed],
    adminToken: values['admin-token'] ?? env[ENVIRONMENT.adminToken],
    stateFile: values['state-file'] ?? env[ENVIRONMENT.stateFile],
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      fixtures: { type: 'string', short: 'f' },
      scenario: { type: 'string', multiple: true, short: 's' },
      issuer: { type: 'string' },
      https: { type: 'boolean' },
      cert: { type: 'string' },
      key: { type: 'string' },
      log: { type: 'string' },
      seed: { type: 'string' },
      'admin-token': { type: 'string' },
      'state-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  })
}

/** The `--help` text. */
export function usage(scenarios: readonly string[]): string {
  return `Usage: auth0-mfa-emulator [options]

Emulates Auth0's Authentication API for the MFA recovery-code flow.

Options (environment variable in brackets):
  -p, --port N          port to listen on, 0 for a free one (default 4000) [PORT]
      --host HOST       address to bind (default 127.0.0.1) [HOST]
  -f, --fixtures FILE   fixture JSON (default: the bundled fixtures/default.json) [AUTH0_EMULATOR_FIXTURES]
  -s, --scenario NAME   scenario active at start; repeatable [AUTH0_EMULATOR_SCENARIOS, comma-separated]
      --issuer URL      fixed issuer for tokens and discovery [AUTH0_EMULATOR_ISSUER]
      --https           serve HTTPS with a generated, cached certificate [AUTH0_EMULATOR_HTTPS]
                        (kept in AUTH0_EMULATOR_CERT_DIR, default ~/.cache/auth0-mfa-emulator)
      --cert FILE       your PEM certificate for HTTPS instead [AUTH0_EMULATOR_CERT]
      --key FILE        PEM private key for HTTPS [AUTH0_EMULATOR_KEY]
      --log FORMAT      pretty, json or silent (default pretty) [AUTH0_EMULATOR_LOG]
      --seed VALUE      make generated codes and tokens repeatable [AUTH0_EMULATOR_SEED]
      --admin-token T   bearer token for the control API; required off loopback [AUTH0_EMULATOR_ADMIN_TOKEN]
      --state-file F    keep rotated codes, enrolments and scenarios in F across restarts [AUTH0_EMULATOR_STATE_FILE]
  -h, --help            show this help
  -v, --version         print the version

Scenarios: ${scenarios.join(', ')}
`
}
