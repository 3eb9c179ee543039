import type { NextFunction, Request, Response } from 'express'
import { CONTROL_ROOT, isControlPath } from '../http/routes.js'
import { EmulatorError } from '../support/emulator-error.js'
import { NO_FRAMING_HEADERS } from '../support/no-framing.js'
import { hasAdminToken, slowWrongTokens, TOKEN_FREE_PATHS } from './admin-token.js'
import { BoundedSet } from './bounded-set.js'
import { allowOrigin, answerPreflight, classifyOrigin } from './control-origin.js'
import { hostNameOf, isControlHost, isMdnsName } from './host-policy.js'
import { hasUnreadBody, sendRefusal } from './refusal.js'

/** What guards the control API of one server. */
export interface ControlPolicy {
  /** Required on every control route but health and the inspector markup, when set. */
  adminToken?: string
  /** Origins whose pages may call the control API cross-origin (`--control-origin`). */
  controlOrigins: readonly string[]
  /** The tenants' domains: Host names the control API answers (`.local` ones only if listed). */
  tenantDomains: readonly string[]
  /** Host names the user allowed with `--control-host`. */
  controlHosts: readonly string[]
}

// The inspector's markup carries its own CSP (with frame-ancestors) and X-Frame-Options.
const INSPECTOR_MARKUP = new Set(['/__emulator/', '/__emulator'])

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

function hostRefusal(host: string): EmulatorError {
  const advice = isMdnsName(host)
    ? `'${host}' is a .local name any peer on the network can answer for; start the emulator with --control-host ${host} to allow it`
    : `not '${host}'; call it through one of those`
  return new EmulatorError(
    403,
    'access_denied',
    `The control API answers only requests addressed to localhost, 127.0.0.1, [::1] or a tenant domain, ${advice}, or send the admin token`,
  )
}

/**
 * Guards the control API (`/__emulator`, matched exactly as the router matches it): no page may
 * frame it; the Host must be a loopback name, a non-`.local` tenant domain or a `--control-host`
 * unless the admin token is presented; browsers may call it only from its own origin or a
 * `--control-origin`; the admin token when one is set, wrong ones slowed down per address; and
 * JSON bodies only. Other paths pass untouched.
 */
export function controlGate(policy: ControlPolicy, warn: (line: string) => void) {
  const origins = new Set(policy.controlOrigins)
  const advised = new BoundedSet<string>(256)
  const slow = slowWrongTokens(policy.adminToken)
  const check = (req: Request, res: Response, next: NextFunction) => {
    const path = req.path
    const origin = classifyOrigin(req, origins)
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method']
    const tokenOk = policy.adminToken !== undefined && hasAdminToken(req, policy.adminToken)
    const host = hostNameOf(req.headers.host) ?? ''
    if (!tokenOk && !(preflight && origin === 'listed') && !isControlHost(host, policy)) {
      if (INSPECTOR_MARKUP.has(path)) res.set(NO_FRAMING_HEADERS)
      return sendRefusal(req, res, hostRefusal(host))
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
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isControlPath(req.path) || req.path === HEALTH) return next()
    // No page may frame the control API (clickjacking the inspector's buttons and toggles).
    if (!INSPECTOR_MARKUP.has(req.path)) res.set(NO_FRAMING_HEADERS)
    slow(req, res, () => check(req, res, next))
  }
}
