/** One command-line flag (of the emulator's CLI or of `verify`): how it parses, the variable that mirrors it, and how it is explained. */
export interface Flag {
  /** A one-letter alias, as in `-p`. */
  readonly short?: string
  readonly type: 'string' | 'boolean'
  /** Whether the flag may be repeated. */
  readonly multiple?: boolean
  /** The value's placeholder in the help, as in `FILE`. */
  readonly value?: string
  /** The environment variable read when the flag is absent. */
  readonly env?: string
  /** A second variable read when the first is unset too (a platform convention, as `PORT`). */
  readonly envFallback?: string
  /** How the variable's value differs from the flag's, as in `comma-separated`. */
  readonly envFormat?: string
  /**
   * What applies when neither the flag nor its variable is set, as users read it; for `port`,
   * `host` and `log` it is also the value `parseCli` uses.
   */
  readonly default?: string
  readonly description: string
  /** A second line of explanation. */
  readonly note?: string
}

/** A flag table as `parseArgs` options. */
export function parserOptionsOf(
  table: Readonly<Record<string, Flag>>,
): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  return Object.fromEntries(
    Object.entries(table).map(([name, flag]) => [
      name,
      {
        type: flag.type,
        ...(flag.short ? { short: flag.short } : {}),
        ...(flag.multiple ? { multiple: flag.multiple } : {}),
      },
    ]),
  )
}

/** How a flag is written in help and docs, as in `-p, --port N`. */
export function flagSynopsis(name: string, flag: Flag): string {
  return `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.value ? ` ${flag.value}` : ''}`
}

/** A flag's line in a `--help` text: synopsis, description, default and variable. */
export function helpLine(name: string, flag: Flag): string {
  const label = `${flag.short ? '' : '    '}${flagSynopsis(name, flag)}`.padEnd(21)
  const fallback = flag.default ? ` (default: ${flag.default})` : ''
  const vars = flag.envFallback ? `${flag.env} or ${flag.envFallback}` : flag.env
  const env = flag.env ? ` [${[vars, flag.envFormat].filter(Boolean).join(', ')}]` : ''
  const note = flag.note ? `\n${' '.repeat(24)}${flag.note}` : ''
  return `  ${label} ${flag.description}${fallback}${env}${note}`
}
