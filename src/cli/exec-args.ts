import { CliError } from './args.js'

/** `exec`'s command line: the server's flags before `--`, the command to run after it. */
export interface ExecArgs {
  serverArgv: string[]
  command: string
  args: string[]
}

/** The `exec --help` text. */
export const EXEC_USAGE = `Usage: auth0-mfa-emulator exec [options] -- COMMAND [ARGS...]

Starts the emulator on a free port (unless --port), waits until it is healthy, runs COMMAND with
the emulator's coordinates in its environment, stops the emulator when COMMAND ends and exits with
COMMAND's status. SIGINT and SIGTERM are passed on to COMMAND.

Environment given to COMMAND:
  AUTH0_EMULATOR_URL     the emulator's base URL, e.g. http://127.0.0.1:PORT
  AUTH0_DOMAIN           its host and port, what SDKs take as domain
  AUTH0_ISSUER_BASE_URL  the issuer tokens carry, with its trailing slash
  NODE_EXTRA_CA_CERTS    with --https: the certificate to trust

Options: every option of auth0-mfa-emulator --help; the emulator's log goes to stderr.
`

/** Whether `exec` was asked for its help (before any `--`). */
export function wantsExecHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h')
}

/** Splits `exec`'s arguments at the first `--`; the command after it is required. */
export function splitExecArgs(argv: readonly string[]): ExecArgs {
  const end = argv.indexOf('--')
  const [command, ...args] = end === -1 ? [] : argv.slice(end + 1)
  if (!command) {
    throw new CliError(
      'exec needs a command after --, as in: auth0-mfa-emulator exec -- npm test (run exec --help for more)',
    )
  }
  return { serverArgv: argv.slice(0, end), command, args }
}
