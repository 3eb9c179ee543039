/**
 * Something the user must change before the emulator can run: a command line, a fixture, a port,
 * a state file, a `verify` argument. It has no HTTP status (it never answers a request); the CLI
 * prints its message as one line and exits 1.
 */
export class UsageError extends Error {
  override name = 'UsageError'
}
