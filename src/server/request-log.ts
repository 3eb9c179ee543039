import type { NextFunction, Request, Response } from 'express'
import type { JournalEntry } from '../domain/journal.js'
import type { Emulator } from '../emulator.js'
import { REQUEST_ID_HEADER } from '../http/pipeline.js'
import { PRODUCT } from '../support/dev-messages.js'
import { isoTime } from '../support/iso-time.js'
import { escapeControls, jsonLogLine } from './log-line.js'

/** How the standalone server reports requests. */
export type LogFormat = 'pretty' | 'json' | 'silent'

/** The log formats `--log` accepts. */
export const LOG_FORMATS: readonly LogFormat[] = ['pretty', 'json', 'silent']

const shortGrant = (grant: string) => grant.replace('http://auth0.com/oauth/grant-type/', '')

function prettyLine(
  method: string,
  path: string,
  status: number,
  ms: number,
  entry?: JournalEntry,
): string {
  const parts = [PRODUCT, method, path]
  if (entry?.grant_type) parts.push(shortGrant(entry.grant_type))
  if (entry?.client_id) parts.push(`client=${entry.client_id}`)
  if (entry?.user_id) parts.push(`user=${entry.user_id}`)
  if (entry?.scenarios.length) parts.push(`scenario=${entry.scenarios.join(',')}`)
  parts.push('→', status ? String(status) : 'connection dropped')
  if (entry?.error) parts.push(`${entry.error}: ${entry.error_description ?? ''}`)
  parts.push(`(${ms} ms)`)
  // Client ids, user ids and paths come from the request: written as text, never as controls.
  return escapeControls(parts.join(' '))
}

function jsonLine(
  method: string,
  path: string,
  status: number,
  ms: number,
  entry?: JournalEntry,
): string {
  const {
    id: _id,
    params: _params,
    time: _time,
    duration_ms: _d,
    method: _m,
    path: _p,
    status: _s,
    ...detail
  } = entry ?? ({} as Partial<JournalEntry>)
  return jsonLogLine({ time: isoTime(), method, path, status, ms, ...detail })
}

/** A request logger and the way to stop it. */
export interface RequestLog {
  middleware: (req: Request, res: Response, next: NextFunction) => void
  close(): void
  /** How many journal entries wait for their response to close (0 when idle). */
  held(): number
}

/**
 * One line per request: method, path (never the query), status and duration, and for Auth0
 * endpoints the grant, client, user, scenarios applied and why a request was refused, taken from
 * the emulator's journal. Parameters, bodies and headers are never logged.
 */
export function requestLog(
  emulators: readonly Emulator[],
  format: LogFormat,
  write: (line: string) => void,
): RequestLog {
  if (format === 'silent') {
    return { middleware: (_req, _res, next) => next(), close: () => {}, held: () => 0 }
  }
  const open = new Set<string>()
  const entries = new Map<string, JournalEntry>()
  const unsubscribers = emulators.map((emulator) =>
    emulator.onRequest((entry, requestId) => {
      // A handler can finish after its client left (the slow scenario): its line is already
      // written, and keeping the entry would hold it for ever.
      if (requestId && open.has(requestId)) entries.set(requestId, entry)
    }),
  )
  let counter = 0
  return {
    middleware(req, res, next) {
      const started = performance.now()
      const requestId = `r${++counter}`
      req.headers[REQUEST_ID_HEADER] = requestId
      open.add(requestId)
      res.on('close', () => {
        const entry = entries.get(requestId)
        open.delete(requestId)
        entries.delete(requestId)
        const path = req.originalUrl.split('?')[0] ?? '/'
        const ms = Math.round((performance.now() - started) * 10) / 10
        const status = entry ? entry.status : res.headersSent ? res.statusCode : 0
        write((format === 'json' ? jsonLine : prettyLine)(req.method, path, status, ms, entry))
      })
      next()
    },
    close: () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
    },
    held: () => entries.size,
  }
}
