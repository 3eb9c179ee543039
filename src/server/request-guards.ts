import type { NextFunction, Request, Response } from 'express'
import { normaliseTarget } from '../http/normalise-path.js'
import { EmulatorError } from '../support/emulator-error.js'
import { hostNameOf } from './host-policy.js'
import { sendRefusal } from './refusal.js'

/** The methods the emulator answers; anything else (TRACE, PROPFIND, …) is refused with 405. */
export const METHODS: readonly string[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
]

/** The `405` for a method the emulator does not answer on any path. */
export function methodRefusal(method?: string): EmulatorError {
  const allow = METHODS.join(', ')
  return new EmulatorError(
    405,
    'method_not_allowed',
    `${method ?? 'The request method'} is not a method the emulator answers; use one of ${allow}`,
    { Allow: allow },
  )
}

/**
 * Refuses what no route can answer, before anything routes on it: an unknown method (`405`), a
 * Host that is missing or not `host[:port]` (`400`, where msw would throw building the URL), and
 * a request target that is not a path. Then rewrites the target to its one normalised form
 * (`normaliseTarget`), which the gates and msw's router both read, so they cannot disagree.
 */
export function requestGuards() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!METHODS.includes(req.method)) return sendRefusal(req, res, methodRefusal(req.method))
    if (hostNameOf(req.headers.host) === undefined) {
      const sent = req.headers.host === undefined ? 'no Host header' : `Host '${req.headers.host}'`
      return sendRefusal(
        req,
        res,
        new EmulatorError(
          400,
          'invalid_request',
          `The request has ${sent}; send the host name or address and port you connected to, e.g. Host: localhost:4000`,
        ),
      )
    }
    const target = normaliseTarget(req.url)
    if (!target) {
      return sendRefusal(
        req,
        res,
        new EmulatorError(
          400,
          'invalid_request',
          `The request target '${req.url}' is not a path; send a path such as /oauth/token`,
        ),
      )
    }
    req.url = `${target.path}${target.query}`
    next()
  }
}
