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

/**
 * Renders an event for `format`: one JSON object per line (`level`, `msg`, fields) for log
 * collectors, the product-prefixed sentence for people, or nothing when silent.
 */
export function formatLogLine(format: LogFormat, event: LogEvent): string | undefined {
  if (format === 'json') {
    return JSON.stringify({ level: event.level, msg: event.msg, ...event.fields })
  }
  return `${PRODUCT} ${event.text}`
}
