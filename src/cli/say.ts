import { formatLogLine, type LogEvent } from '../server/log-line.js'
import type { LogFormat } from '../server/request-log.js'
import { colourEnabled, colourError, colourLine } from './colour.js'

/** Where the CLI writes: lines for stdout and stderr, and the log format once it is known. */
export interface Io {
  out: (line: string) => void
  err: (line: string) => void
  /** The log format of the command line, once parsed. */
  format?: LogFormat
}

/** Prints a lifecycle line in the log's format (silent logs still print it: scripts wait for it). */
export function say(io: Io, format: LogFormat, event: LogEvent): void {
  io.out(formatLogLine(format === 'json' ? 'json' : 'pretty', event) ?? '')
}

/**
 * Lines to two streams, coloured on a terminal (see `colourEnabled`); `out` and `err` may be the
 * same stream, as for `exec`, whose stdout belongs to its command.
 */
export function consoleIo(out: NodeJS.WriteStream, err: NodeJS.WriteStream): Io {
  const paintOut = colourEnabled(out, process.env)
  const paintErr = colourEnabled(err, process.env)
  return {
    out: (line) => out.write(`${paintOut ? colourLine(line) : line}\n`),
    err: (line) => err.write(`${paintErr ? colourError(line) : line}\n`),
  }
}
