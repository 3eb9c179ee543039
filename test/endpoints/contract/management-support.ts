import defaultFixture from '../../../fixtures/default.json' with { type: 'json' }
import type { EmulatorOptions, FixtureInput } from '../../../src/index.js'
import type { Driver } from '../../support/drivers.js'
import { form } from '../../support/requests.js'
import type { Vars } from './cases.js'

/** Every scope the default fixture's `m2m-client` is granted, in its grant's order. */
export const M2M_SCOPES =
  'read:users update:users read:authentication_methods delete:guardian_enrollments'

/** Headers of every Management API answer. */
export const MGMT_HEADERS = { 'content-type': 'application/json; charset=utf-8' }

/** The Management API audience of a driver: its issuer plus `api/v2/`. */
export const audienceOf = (d: Driver) => `${d.base}/api/v2/`

/** A client_credentials request of `m2m-client` for the driver's Management API. */
export function m2mRequest(audience: string, extra: Record<string, string> = {}) {
  return form({
    grant_type: 'client_credentials',
    client_id: 'm2m-client',
    client_secret: 'm2m-client-secret',
    audience,
    ...extra,
  })
}

/** Arranges a Management API token (all of m2m-client's scopes, or `scope`) as `vars.token`. */
export function withToken(scope?: string) {
  return async (d: Driver): Promise<Vars> => {
    const res = await d.fetch('/oauth/token', m2mRequest(audienceOf(d), scope ? { scope } : {}))
    const body = (await res.json()) as { access_token?: string }
    if (!body.access_token) throw new Error(`no token: ${res.status} ${JSON.stringify(body)}`)
    return { token: body.access_token, audience: audienceOf(d) }
  }
}

/** A request with `Authorization: Bearer <token>`. */
export function bearer(token: string | undefined, init: RequestInit = {}): RequestInit {
  return {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  }
}

/** `/api/v2/users/{id}{rest}` with the id URL-encoded, as the SDKs send it. */
export const userPath = (id: string, rest: string) =>
  `/api/v2/users/${encodeURIComponent(id)}${rest}`

/** A Management API error body, keys in Auth0's order. */
export function mgmtError(
  statusCode: number,
  error: string,
  message: string,
  errorCode?: string,
): string {
  return JSON.stringify({ statusCode, error, message, ...(errorCode ? { errorCode } : {}) })
}

/** A 401 for a bad token: the message repeated in `attributes`. */
export const tokenError = (message: string) =>
  JSON.stringify({
    statusCode: 401,
    error: 'Unauthorized',
    message,
    attributes: { error: message },
  })

/** The default fixture with `clients` appended and tenant settings changed. */
export function withFixture(
  clients: FixtureInput['clients'] = [],
  tenant: FixtureInput['tenant'] = {},
  users: FixtureInput['users'] = [],
): EmulatorOptions {
  return {
    fixtures: {
      ...(defaultFixture as FixtureInput),
      tenant: { ...(defaultFixture.tenant as FixtureInput['tenant']), ...tenant },
      clients: [...(defaultFixture.clients as NonNullable<FixtureInput['clients']>), ...clients],
      users: [...(defaultFixture.users as NonNullable<FixtureInput['users']>), ...users],
    },
  }
}
