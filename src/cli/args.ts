import { parseArgs } from 'node:util'
import {
  isScenarioName,
  SCENARIO_NAMES,
  type ScenarioName,
  unknownScenarioMessage,
} from '../scenarios/names.js'
import { parseControlOrigin } from '../server/control-origin.js'
import { hostNameOf } from '../server/host-policy.js'
import { LOG_FORMATS, type LogFormat } from '../server/request-log.js'
import { UsageError } from '../support/usage-error.js'
import { didYouMean } from './did-you-mean.js'
import { ENVIRONMENT, FLAGS, PARSER_OPTIONS } from './flags.js'

/** A command line that cannot run; the message says what to change. */
export class CliError extends UsageError {
  override name = 'CliError'
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
      fixturesOverlay: string | undefined
      watch: boolean
      scenarios: ScenarioName[]
      issuer: string | undefined
      https: boolean
      cert: string | undefined
      key: string | undefined
      log: LogFormat
      seed: string | undefined
      adminToken: string | undefined
      stateFile: string | undefined
      controlOrigins: string[]
      controlHosts: string[]
    }

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

/** A repeatable flag's values, or else its variable's comma-separated ones. */
function listOf(given: string[] | undefined, fromEnv: string | undefined): string[] {
  if (given?.length) return given
  return (fromEnv ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** A repeatable flag's distinct values, each parsed, or a refusal saying what was expected. */
function parsedList(
  [flag, variable]: [string, string],
  given: string[] | undefined,
  fromEnv: string | undefined,
  parse: (text: string) => string | undefined,
  expected: string,
): string[] {
  const from = given?.length ? flag : variable
  return [
    ...new Set(
      listOf(given, fromEnv).map((text) => {
        const value = parse(text)
        if (!value) throw new CliError(`${from} must be ${expected}, got '${text}'`)
        return value
      }),
    ),
  ]
}

/** A host name as the Host check compares it, or undefined for anything else (a port, a scheme). */
function bareHostName(text: string): string | undefined {
  const name = hostNameOf(text)
  return name === text.toLowerCase() ? name : undefined
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
    throw new CliError(
      `${(err as Error).message}${flagSuggestion(err)}; run with --help for the flags`,
    )
  }
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const portVar = env[ENVIRONMENT.port] !== undefined ? ENVIRONMENT.port : FLAGS.port.envFallback
  const portText = values.port ?? env[portVar] ?? FLAGS.port.default
  const port = parsePort(portText, values.port ? '--port' : portVar)
  const scenarioNames = listOf(values.scenario, env[ENVIRONMENT.scenario])
  for (const name of scenarioNames) {
    if (!isScenarioName(name)) {
      const hint = didYouMean(name, SCENARIO_NAMES, (n) => `'${n}'`)
      throw new CliError(`--scenario: ${unknownScenarioMessage(name)}${hint}`)
    }
  }
  const log = values.log ?? env[ENVIRONMENT.log] ?? FLAGS.log.default
  if (!(LOG_FORMATS as readonly string[]).includes(log)) {
    throw new CliError(`--log must be one of ${LOG_FORMATS.join(', ')}, got '${log}'`)
  }
  const issuerText = values.issuer ?? env[ENVIRONMENT.issuer]
  const cert = values.cert ?? env[ENVIRONMENT.cert]
  const key = values.key ?? env[ENVIRONMENT.key]
  if (!cert !== !key)
    throw new CliError('--cert and --key go together: give both PEM files, or neither')
  const watch = Boolean(values.watch) || truthy(env[ENVIRONMENT.watch])
  const stateFile = values['state-file'] ?? env[ENVIRONMENT.stateFile]
  if (watch && stateFile) {
    throw new CliError(
      '--watch resets the tenant to the fixture on every change, which --state-file would undo: choose one',
    )
  }
  return {
    kind: 'run',
    port,
    host: values.host ?? env[ENVIRONMENT.host] ?? FLAGS.host.default,
    fixtures: values.fixtures ?? env[ENVIRONMENT.fixtures],
    fixturesOverlay: values['fixtures-overlay'] ?? env[ENVIRONMENT.fixturesOverlay],
    watch,
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
    stateFile,
    controlOrigins: parsedList(
      ['--control-origin', ENVIRONMENT.controlOrigin],
      values['control-origin'],
      env[ENVIRONMENT.controlOrigin],
      parseControlOrigin,
      'an origin such as http://localhost:5173 (scheme, host and port, nothing after)',
    ),
    controlHosts: parsedList(
      ['--control-host', ENVIRONMENT.controlHost],
      values['control-host'],
      env[ENVIRONMENT.controlHost],
      bareHostName,
      'a host name such as dev-tenant.local (no scheme or port)',
    ),
  }
}

/** For an unknown option, the flag that was probably meant. */
function flagSuggestion(err: unknown): string {
  if ((err as NodeJS.ErrnoException).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return ''
  const option = /'(-{1,2}[^'=]+)/.exec((err as Error).message)?.[1]
  if (!option) return ''
  return didYouMean(option.replace(/^-+/, ''), Object.keys(FLAGS), (name) => `--${name}`)
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: PARSER_OPTIONS,
  })
}
