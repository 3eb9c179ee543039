import { PRODUCT } from '../support/dev-messages.js'
import type { LogFormat } from './request-log.js'

/** A line for the log of the standalone server: a message with fields, at a level. */
export interface LogEvent {
  level: 'info' | 'warn' | 'error'
  /** A short machine-readable message, such as `listening`. */
  msg: string
  /** The line as people read it (pretty logs); the fields follow `msg` in JSON logs. */
  text: string
  fields?: Record<string, unknown>
}

// C0 and C1 controls, DEL, and the Unicode line separators and bidirectional overrides.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const escapeOne = (c: string) => {
  const code = c.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`
}

/**
 * `text` with every control character written as `\xNN` (`\uNNNN` above 0xff): a request value
 * in a log line must not move the cursor, start a new forged line, or send the terminal an escape
 * sequence (clipboard, window title).
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne)
}

/**
 * A JSON line that is safe in a terminal too: JSON.stringify escapes only the C0 controls, so
 * DEL, C1 controls and the Unicode separators are written as `\uNNNN` as well (still valid JSON).
 */
export function jsonLogLine(value: unknown): string {
  return JSON.stringify(value).replace(
    CONTROL,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * Renders an event for `format`: one JSON object per line (`level`, `msg`, fields) for log
 * collectors, the product-prefixed sentence for people, or nothing when silent.
 */
export function formatLogLine(format: LogFormat, event: LogEvent): string | undefined {
  if (format === 'json') {
    return jsonLogLine({ level: event.level, msg: event.msg, ...event.fields })
  }
  return `${PRODUCT} ${escapeControls(event.text)}`
}
