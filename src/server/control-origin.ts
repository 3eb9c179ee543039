import type { Request, Response } from 'express'

/** How a request's Origin header relates to the control API. */
export type OriginKind = 'none' | 'same' | 'listed' | 'other'

function originOf(text: string): string | undefined {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined
  } catch {
    return undefined
  }
}

/**
 * An origin as `--control-origin` takes it (scheme, host and optional port, nothing after; a
 * trailing slash is forgiven), normalised as browsers send it, or undefined when it is not one.
 */
export function parseControlOrigin(text: string): string | undefined {
  try {
    const url = new URL(text)
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username
    return bare ? originOf(text) : undefined
  } catch {
    return undefined
  }
}

/**
 * Classifies the Origin of a request to the control API: none (not a browser, or a same-origin
 * GET), the server's own origin (the inspector), one of `--control-origin`, or another site.
 * Clients' `allowed_origins` play no part: they open the Auth0 endpoints, not the control API.
 */
export function classifyOrigin(req: Request, controlOrigins: ReadonlySet<string>): OriginKind {
  const header = req.headers.origin
  if (header === undefined) return 'none'
  const origin = originOf(header)
  if (!origin) return 'other'
  if (origin === originOf(`${req.protocol}://${req.headers.host}`)) return 'same'
  return controlOrigins.has(origin) ? 'listed' : 'other'
}

/** The headers a browser needs to call the control API from a listed origin. */
export function allowOrigin(res: Response, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.append('Vary', 'Origin')
}

/** Answers the preflight of a listed origin: the methods and headers the control API takes. */
export function answerPreflight(req: Request, res: Response, origin: string): void {
  allowOrigin(res, origin)
  res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT')
  res.setHeader(
    'Access-Control-Allow-Headers',
    'Authorization, Content-Type, Auth0-Emulator-Tenant, Auth0-Emulator-Scenario',
  )
  res.setHeader('Access-Control-Max-Age', '600')
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true')
  }
  res.statusCode = 204
  res.end()
}
