import type { NextFunction, Request, Response } from 'express'
import { CONTROL_ROOT, isControlPath } from '../http/routes.js'
import { EmulatorError } from '../support/emulator-error.js'
import { hasAdminToken, TOKEN_FREE_PATHS } from './admin-token.js'
import { BoundedSet } from './bounded-set.js'
import { allowOrigin, answerPreflight, classifyOrigin } from './control-origin.js'
import { hostNameOf, isControlHost } from './host-policy.js'
import { hasUnreadBody, sendRefusal } from './refusal.js'

/** What guards the control API of one server. */
export interface ControlPolicy {
  /** Required on every control route but health and the inspector markup, when set. */
  adminToken?: string
  /** Origins whose pages may call the control API cross-origin (`--control-origin`). */
  controlOrigins: readonly string[]
  /** The tenants' domains: Host names the control API answers besides loopback ones. */
  tenantDomains: readonly string[]
}

// The readiness probe answers anyone: it holds nothing, and CI probes it by container name.
const HEALTH = `${CONTROL_ROOT}/health`
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function isJson(contentType: string): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType.trim())
}

/**
 * Why a state-changing control request may not run, if it may not: a body must be declared
 * `application/json`, which no HTML form or "simple" cross-origin request can send, so a browser
 * preflights it first. A request with no body at all (curl's `-X POST`) needs no type; a page
 * cannot send one cross-origin without an Origin header, which the origin check refuses.
 */
function contentTypeRefusal(req: Request): EmulatorError | undefined {
  if (!STATE_CHANGING.has(req.method)) return undefined
  const type = req.headers['content-type']
  if (type === undefined ? !hasUnreadBody(req) : isJson(type)) return undefined
  return new EmulatorError(
    415,
    'unsupported_media_type',
    `${req.method} ${req.path} takes a JSON body: send Content-Type: application/json (got ${type === undefined ? 'a body without a Content-Type' : `'${type}'`})`,
  )
}

/**
 * Guards the control API (`/__emulator`, matched exactly as the router matches it): the Host
 * must be a loopback name or a tenant domain unless the admin token is presented; browsers may
 * call it only from its own origin or a `--control-origin`; the admin token when one is set; and
 * JSON bodies only. Other paths pass untouched.
 */
export function controlGate(policy: ControlPolicy, warn: (line: string) => void) {
  const origins = new Set(policy.controlOrigins)
  const advised = new BoundedSet<string>(256)
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.path
    if (!isControlPath(path) || path === HEALTH) return next()
    const origin = classifyOrigin(req, origins)
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method']
    const tokenOk = policy.adminToken !== undefined && hasAdminToken(req, policy.adminToken)
    const host = hostNameOf(req.headers.host) ?? ''
    if (
      !tokenOk &&
      !(preflight && origin === 'listed') &&
      !isControlHost(host, policy.tenantDomains)
    ) {
      return sendRefusal(
        req,
        res,
        new EmulatorError(
          403,
          'access_denied',
          `The control API answers only requests addressed to localhost, 127.0.0.1, [::1] or a tenant domain, not '${host}'; call it through one of those, or send the admin token`,
        ),
      )
    }
    if (origin === 'other') {
      const from = req.headers.origin ?? ''
      if (advised.add(from)) {
        warn(
          `control API: refused a call from origin ${from}; pass --control-origin ${from} (or AUTH0_EMULATOR_CONTROL_ORIGINS) to allow its pages`,
        )
      }
      return sendRefusal(
        req,
        res,
        new EmulatorError(
          403,
          'access_denied',
          `Pages from origin ${from} may not call the control API; start the emulator with --control-origin ${from} to allow them`,
        ),
      )
    }
    if (origin === 'listed') {
      const from = req.headers.origin ?? ''
      if (preflight) return answerPreflight(req, res, from)
      allowOrigin(res, from)
    }
    if (policy.adminToken !== undefined && !tokenOk && !TOKEN_FREE_PATHS.has(path)) {
      return sendRefusal(
        req,
        res,
        new EmulatorError(
          401,
          'unauthorized',
          'The control API needs Authorization: Bearer <admin token> when the emulator listens beyond loopback',
        ),
      )
    }
    const refusal = contentTypeRefusal(req)
    if (refusal) return sendRefusal(req, res, refusal)
    next()
  }
}
