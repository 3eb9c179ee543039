import { checkOptions, EMULATOR_OPTION_RULES, type OptionRule } from '../domain/options.js'

// An hour: longer deadlines are typos (0 switches Node's deadline off, as Node documents).
const MILLISECONDS: OptionRule = { integer: [0, 3_600_000] }

/** What `startServer` accepts beyond the emulator's options. */
const SERVER_OPTION_RULES: Readonly<Record<string, OptionRule>> = {
  ...EMULATOR_OPTION_RULES,
  port: { integer: [0, 65_535] },
  host: { type: 'string' },
  log: { oneOf: ['pretty', 'json', 'silent'] },
  write: { type: 'function' },
  stateFile: { type: 'string' },
  adminToken: { type: 'string' },
  controlOrigins: { type: 'object' },
  controlHosts: { type: 'object' },
  maxHeaderSize: { integer: [1024, 16 * 1024 * 1024] },
  headersTimeout: MILLISECONDS,
  requestTimeout: MILLISECONDS,
  keepAliveTimeout: MILLISECONDS,
  maxConnections: { integer: [1, 1_000_000] },
}

/** Refuses `startServer` options out of range with a `TypeError` or `RangeError` naming them. */
export function checkServerOptions(options: object): void {
  checkOptions(options, SERVER_OPTION_RULES)
}
