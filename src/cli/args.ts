import { parseArgs } from 'node:util'
import {
  isScenarioName,
  SCENARIO_NAMES,
  type ScenarioName,
  unknownScenarioMessage,
} from '../scenarios/names.js'
import { parseControlOrigin } from '../server/control-origin.js'
import { LOG_FORMATS, type LogFormat } from '../server/request-log.js'
import { EmulatorError } from '../support/emulator-error.js'
import { didYouMean } from './did-you-mean.js'
import { ENVIRONMENT, FLAGS, PARSER_OPTIONS } from './flags.js'

/** A command line that cannot run; the message says what to change. */
export class CliError extends EmulatorError {
  override name = 'CliError'

  constructor(message: string) {
    super(400, 'invalid_command_line', message)
  }
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

function controlOrigins(given: string[] | undefined, fromEnv: string | undefined): string[] {
  const from = given?.length ? '--control-origin' : ENVIRONMENT.controlOrigin
  const texts = given?.length
    ? given
    : (fromEnv ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
  return [
    ...new Set(
      texts.map((text) => {
        const origin = parseControlOrigin(text)
        if (!origin) {
          throw new CliError(
            `${from} must be an origin such as http://localhost:5173 (scheme, host and port, nothing after), got '${text}'`,
          )
        }
        return origin
      }),
    ),
  ]
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
  const scenarioNames = values.scenario?.length
    ? values.scenario
    : (env[ENVIRONMENT.scenario] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
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
    controlOrigins: controlOrigins(values['control-origin'], env[ENVIRONMENT.controlOrigin]),
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
