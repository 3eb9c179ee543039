import { HttpResponse } from 'msw'
import { ManagementError } from '../contract/management-error.js'
import { OAuthError } from '../contract/oauth-error.js'
import {
  JSON_UTF8_HEADERS,
  json,
  managementBody,
  oauthBody,
  type Problem,
  TOKEN_HEADERS,
} from './respond.js'

/** How a family of routes looks on the wire and which cross-cutting rules it follows. */
export interface Dialect {
  /** Headers of its answers (its content type first). */
  readonly headers: Readonly<Record<string, string>>
  /** Whether `slow`, `network-error` and `server-error` apply. */
  readonly transport: boolean
  /** Whether the tenant's rate limit counts it and its answers carry `X-RateLimit-*`. */
  readonly rateLimit: boolean
  /** Whether it is journaled (`requests()`, logs, the inspector). */
  readonly journal: boolean
  /** The error `server-error` answers with, from the dialect's catalogue. */
  serverError(): Error
  /** Its error answer. */
  respond(problem: Problem): Response
}

const oauth = (headers: Readonly<Record<string, string>>) => (problem: Problem) =>
  json(oauthBody(problem), problem.status, { ...headers, ...problem.headers })

/**
 * `/userinfo` refuses tokens with a plain-text `401 Unauthorized` whose reason is in
 * `WWW-Authenticate`; its other errors (405, 413, 429, 500) are JSON like the rest.
 */
function userinfoRefusal(problem: Problem): Response {
  if (!problem.reason.startsWith('userinfo_')) return oauth(JSON_UTF8_HEADERS)(problem)
  const params = problem.error
    ? `, error="${problem.error}", error_description="${problem.description}"`
    : ''
  return new HttpResponse('Unauthorized', {
    status: problem.status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': '12',
      'WWW-Authenticate': `Bearer realm="Users"${params}`,
    },
  })
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Logout refuses as Auth0 does for the browser that followed the link: an HTML error page (not
 * JSON) from the catalogue entry; its other errors (405, 429, 500) are JSON like the rest.
 */
function logoutRefusal(problem: Problem): Response {
  if (!problem.reason.startsWith('logout_')) return oauth(JSON_UTF8_HEADERS)(problem)
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><h1>Oops!, something went wrong</h1><p><code>${escapeHtml(problem.error)}</code>: ${escapeHtml(problem.description)}</p></body></html>`
  return new HttpResponse(page, {
    status: problem.status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

const authentication = { transport: true, rateLimit: true, journal: true }
const oauthServerError = () => new OAuthError('scenario_server_error')

/** JSON errors, and no scenarios, rate limit or journal. */
const quietJson = {
  transport: false,
  rateLimit: false,
  journal: false,
  headers: JSON_UTF8_HEADERS,
  serverError: oauthServerError,
  respond: oauth(JSON_UTF8_HEADERS),
}

/** The name of a dialect. */
export type DialectName =
  | 'token'
  | 'mfa'
  | 'userinfo'
  | 'logout'
  | 'discovery'
  | 'management'
  | 'control'

/** Every dialect the emulator speaks. */
export const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  /** `/oauth/token` and `/oauth/revoke`: exact `application/json`, never cached. */
  token: {
    ...authentication,
    headers: TOKEN_HEADERS,
    serverError: oauthServerError,
    respond: oauth(TOKEN_HEADERS),
  },
  /** The MFA API. */
  mfa: {
    ...authentication,
    headers: JSON_UTF8_HEADERS,
    serverError: oauthServerError,
    respond: oauth(JSON_UTF8_HEADERS),
  },
  userinfo: {
    ...authentication,
    headers: JSON_UTF8_HEADERS,
    serverError: oauthServerError,
    respond: userinfoRefusal,
  },
  /** `/oidc/logout` and `/v2/logout`. */
  logout: {
    ...authentication,
    headers: JSON_UTF8_HEADERS,
    serverError: oauthServerError,
    respond: logoutRefusal,
  },
  /** Discovery, JWKS and the endpoints discovery lists that are not emulated: no scenarios. */
  discovery: quietJson,
  /** `/api/v2`: Auth0's `{statusCode, error, message}` errors, no rate-limit headers. */
  management: {
    transport: true,
    rateLimit: false,
    journal: true,
    headers: JSON_UTF8_HEADERS,
    serverError: () => new ManagementError('scenario_server_error'),
    respond: (problem: Problem) =>
      json(managementBody(problem), problem.status, { ...JSON_UTF8_HEADERS, ...problem.headers }),
  },
  /** The control API under `/__emulator`: never slowed, failed or journaled by scenarios. */
  control: quietJson,
}
