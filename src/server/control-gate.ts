import type { NextFunction, Request, Response } from 'express'
import { isControlPath } from '../http/routes.js'
import { hasAdminToken, TOKEN_FREE_PATHS } from './admin-token.js'
import { Refusal, sendRefusal } from './refusal.js'

/** What guards the control API of one server. */
export interface ControlPolicy {
  /** Required on every control route but health and the inspector markup, when set. */
  adminToken?: string
}

/**
 * Guards the control API (`/__emulator`, matched exactly as the router matches it) with the
 * admin token when one is set. Other paths pass untouched.
 */
export function controlGate(policy: ControlPolicy) {
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.path
    if (!isControlPath(path) || TOKEN_FREE_PATHS.has(path)) return next()
    if (policy.adminToken === undefined || hasAdminToken(req, policy.adminToken)) return next()
    sendRefusal(
      req,
      res,
      new Refusal(
        401,
        'unauthorized',
        'The control API needs Authorization: Bearer <admin token> when the emulator listens beyond loopback',
      ),
    )
  }
}
