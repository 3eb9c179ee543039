import { parseArgs } from 'node:util'
import { type Flag, parserOptionsOf } from '../support/flag-table.js'
import { UsageError } from '../support/usage-error.js'

/** A `verify` command line that cannot run; the message says what to change. */
export class VerifyArgsError extends UsageError {
  override readonly name = 'VerifyArgsError'
}

const credential = (value: string, description: string, note?: string) =>
  ({
    section: 'credentials',
    type: 'string',
    value,
    description,
    ...(note ? { note } : {}),
  }) as const

/**
 * Every flag of `verify`, by help section, in the shape of the emulator's own flag table: the
 * parser's options, the `AUTH0_VERIFY_*` variables and `verify --help` are derived from it.
 */
export const VERIFY_FLAGS = {
  domain: credential('HOST', 'the tenant, e.g. dev-abc123.us.auth0.com'),
  'client-id': credential('ID', 'an application with the Password and MFA grants'),
  'client-secret': credential('S', 'its secret; leave out for a public application'),
  username: credential('NAME', 'a database user enrolled in MFA with a recovery code'),
  password: credential('P', "the user's password"),
  'recovery-code': credential('CODE', "the user's current recovery code (used up by the run)"),
  realm: credential('NAME', 'log in with password-realm on this connection'),
  scope: { ...credential('S', "the login's scope"), default: '"openid profile"' },
  audience: credential('A', "the login's audience"),
  fixtures: {
    section: 'compare',
    type: 'string',
    value: 'FILE',
    description: 'your fixture (default: one built from the credentials)',
  },
  overlay: {
    section: 'compare',
    type: 'string',
    value: 'FILE',
    description: 'tenant settings over the fixture, as --record writes them',
  },
  record: {
    section: 'compare',
    type: 'string',
    value: 'FILE',
    description: 'write the overlay that makes the emulator answer like the tenant',
  },
  json: {
    section: 'running',
    type: 'boolean',
    description: 'print one JSON document instead of lines',
  },
  'attempt-limit': {
    section: 'running',
    type: 'boolean',
    description: 'also submit wrong codes until the attempt limit answers',
    note: "(locks the user's recovery codes until the limit refills)",
  },
  timeout: {
    section: 'running',
    type: 'string',
    value: 'MS',
    default: '10000',
    description: 'how long to wait for each tenant answer',
  },
  'expiry-wait': {
    section: 'running',
    type: 'string',
    value: 'S',
    default: '30',
    description: 'how long to wait for an mfa_token to expire',
  },
  'base-url': {
    section: 'running',
    type: 'string',
    value: 'URL',
    description: "send the tenant's requests here instead of https://{domain}",
  },
  help: { section: 'running', type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies Record<string, Flag & { section: 'credentials' | 'compare' | 'running' }>

/** The flags that take a value. */
const STRING_FLAGS = (Object.keys(VERIFY_FLAGS) as (keyof typeof VERIFY_FLAGS)[]).filter(
  (name): name is StringFlag => VERIFY_FLAGS[name].type === 'string',
)

type StringFlag = {
  [K in keyof typeof VERIFY_FLAGS]: (typeof VERIFY_FLAGS)[K]['type'] extends 'string' ? K : never
}[keyof typeof VERIFY_FLAGS]

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
    json: (parsed.values.json ?? false) || truthy('json'),
    attemptLimit: (parsed.values['attempt-limit'] ?? false) || truthy('attempt-limit'),
    values,
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: parserOptionsOf(VERIFY_FLAGS) as {
      [K in keyof typeof VERIFY_FLAGS]: { type: (typeof VERIFY_FLAGS)[K]['type'] }
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
