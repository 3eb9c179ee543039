import { parseArgs } from 'node:util'
import { UsageError } from '../support/usage-error.js'

/** A `verify` command line that cannot run; the message says what to change. */
export class VerifyArgsError extends UsageError {
  override readonly name = 'VerifyArgsError'
}

const STRING_FLAGS = [
  'domain',
  'client-id',
  'client-secret',
  'username',
  'password',
  'recovery-code',
  'realm',
  'scope',
  'audience',
  'base-url',
  'fixtures',
  'overlay',
  'record',
  'timeout',
  'expiry-wait',
] as const

type StringFlag = (typeof STRING_FLAGS)[number]

/** What a `verify` command line asks for: flag values (environment filled in) and switches. */
export interface VerifyArgs {
  help: boolean
  json: boolean
  attemptLimit: boolean
  values: Partial<Record<StringFlag, string>>
}

/** The environment variable that stands in for a flag: `--client-id` → `AUTH0_VERIFY_CLIENT_ID`. */
export function envName(flag: string): string {
  return `AUTH0_VERIFY_${flag.replace(/-/g, '_').toUpperCase()}`
}

/** Parses `verify`'s flags; each string flag falls back to its `AUTH0_VERIFY_*` variable. */
export function parseVerifyArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): VerifyArgs {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (err) {
    throw new VerifyArgsError(`${(err as Error).message}; run verify --help for the flags`)
  }
  const values: VerifyArgs['values'] = {}
  for (const flag of STRING_FLAGS) {
    const value = parsed.values[flag] ?? env[envName(flag)]
    if (value !== undefined && value !== '') values[flag] = value
  }
  const truthy = (name: string) => /^(1|true|yes|on)$/i.test(env[envName(name)] ?? '')
  return {
    help: parsed.values.help ?? false,
    json: parsed.values.json ?? false,
    attemptLimit: (parsed.values['attempt-limit'] ?? false) || truthy('attempt-limit'),
    values,
  }
}

function parse(argv: readonly string[]) {
  const options = Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }]))
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      ...(options as Record<StringFlag, { type: 'string' }>),
      json: { type: 'boolean' },
      'attempt-limit': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

/** A whole number of at least `min` from a flag's text. */
export function parseCount(
  text: string | undefined,
  flag: string,
  fallback: number,
  min = 0,
): number {
  if (text === undefined) return fallback
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new VerifyArgsError(`--${flag} must be a whole number of at least ${min}, got '${text}'`)
  }
  return Number(text)
}
