import { parseControlOrigin } from '../server/control-origin.js'
import { CliError } from './args.js'

/** The flag and the environment variable that name origins allowed to call the control API. */
export const CONTROL_ORIGIN_FLAG = '--control-origin'
export const CONTROL_ORIGINS_ENV = 'AUTH0_EMULATOR_CONTROL_ORIGINS'

function parseOrigin(text: string, from: string): string {
  const origin = parseControlOrigin(text)
  if (!origin) {
    throw new CliError(
      `${from} must be an origin such as http://localhost:5173 (scheme, host and port, nothing after), got '${text}'`,
    )
  }
  return origin
}

/**
 * Takes `--control-origin ORIGIN` (repeatable, or `--control-origin=ORIGIN`) out of the command
 * line, falling back to the comma-separated AUTH0_EMULATOR_CONTROL_ORIGINS, and returns the
 * origins and the arguments left for the other flags. Kept apart from `parseCli` so the rest of
 * the command line parses as before.
 */
export function takeControlOrigins(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { argv: string[]; controlOrigins: string[] } {
  const rest: string[] = []
  const given: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--') {
      rest.push(...argv.slice(i))
      break
    }
    if (arg.startsWith(`${CONTROL_ORIGIN_FLAG}=`)) {
      given.push(parseOrigin(arg.slice(CONTROL_ORIGIN_FLAG.length + 1), CONTROL_ORIGIN_FLAG))
    } else if (arg === CONTROL_ORIGIN_FLAG) {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith('-')) {
        throw new CliError(`${CONTROL_ORIGIN_FLAG} needs an origin, such as http://localhost:5173`)
      }
      given.push(parseOrigin(value, CONTROL_ORIGIN_FLAG))
      i++
    } else {
      rest.push(arg)
    }
  }
  const fromEnv = (env[CONTROL_ORIGINS_ENV] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((text) => parseOrigin(text, CONTROL_ORIGINS_ENV))
  return { argv: rest, controlOrigins: [...new Set(given.length ? given : fromEnv)] }
}
