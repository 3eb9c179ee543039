import type { NextFunction, Request, Response } from 'express'
import { PRODUCT } from '../dev-messages.js'

/** How the standalone server reports requests. */
export type LogFormat = 'pretty' | 'json' | 'silent'

/** The log formats `--log` accepts. */
export const LOG_FORMATS: readonly LogFormat[] = ['pretty', 'json', 'silent']

/**
 * One line per request with method, path (never the query, which may carry secrets), status
 * and duration; bodies and headers are not logged.
 */
export function requestLog(format: LogFormat, write: (line: string) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (format === 'silent') return next()
    const started = performance.now()
    res.on('close', () => {
      const path = req.originalUrl.split('?')[0] ?? '/'
      const ms = Math.round((performance.now() - started) * 10) / 10
      const status = res.headersSent ? res.statusCode : 0
      if (format === 'json') {
        write(
          JSON.stringify({ time: new Date().toISOString(), method: req.method, path, status, ms }),
        )
      } else {
        write(`${PRODUCT} ${req.method} ${path} ${status || 'connection closed'} ${ms} ms`)
      }
    })
    next()
  }
}
