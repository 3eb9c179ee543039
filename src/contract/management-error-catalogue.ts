/** One Management API error answer: Auth0's `{statusCode, error, message, errorCode}` body. */
export interface ManagementErrorEntry {
  statusCode: number
  /** May hold `{name}` placeholders filled from the error's parameters. */
  message: string
  /** The `errorCode` member; absent where Auth0 sends none (many 400s, every 401). */
  errorCode?: string
  /** 401s for a bad token repeat the message as `attributes.error`, as hapi's Boom does. */
  attributes?: boolean
  /** The `WWW-Authenticate` value, `{message}` filled in; no header when absent. */
  wwwAuthenticate?: string
}

const TOKEN_401 = { statusCode: 401, attributes: true, wwwAuthenticate: 'Bearer error="{message}"' }

/**
 * Every Management API error the emulator answers with, keyed by a stable name. Entries the
 * contract marks as a best guess can be replaced per tenant through `tenant.management_errors`.
 */
export const MANAGEMENT_ERROR_CATALOGUE = {
  missing_authentication: {
    statusCode: 401,
    message: 'Missing authentication',
    wwwAuthenticate: 'Bearer',
  },
  bad_authentication_header: { statusCode: 400, message: 'Bad HTTP authentication header format' },
  invalid_token: { ...TOKEN_401, message: 'Invalid token' },
  expired_token: {
    ...TOKEN_401,
    message: 'Expired token received for JSON Web Token validation',
  },
  invalid_signature: {
    ...TOKEN_401,
    message: 'Invalid signature received for JSON Web Token validation',
  },
  insufficient_scope: {
    statusCode: 403,
    message: 'Insufficient scope, expected any of: {scopes}',
    errorCode: 'insufficient_scope',
  },
  invalid_user_id: {
    statusCode: 400,
    message:
      "Path validation error: 'String does not match pattern ^.+\\|.+$: {id}' on property id ({description}).",
    errorCode: 'invalid_uri',
  },
  invalid_query: {
    statusCode: 400,
    message: "Query validation error: '{detail}' on property {property} ({description}).",
    errorCode: 'invalid_query_string',
  },
  invalid_body: {
    statusCode: 400,
    message: "Payload validation error: '{detail}'.",
    errorCode: 'invalid_body',
  },
  invalid_json: { statusCode: 400, message: 'Invalid request payload JSON format' },
  inexistent_user: {
    statusCode: 404,
    message: 'The user does not exist.',
    errorCode: 'inexistent_user',
  },
  scenario_server_error: {
    statusCode: 500,
    message: 'Internal server error (scenario server-error)',
  },
} as const satisfies Record<string, ManagementErrorEntry>

/** The stable name of a Management API catalogue entry. */
export type ManagementErrorKey = keyof typeof MANAGEMENT_ERROR_CATALOGUE

/** The names of all Management API catalogue entries, for fixture validation. */
export const MANAGEMENT_ERROR_KEYS = Object.keys(MANAGEMENT_ERROR_CATALOGUE) as [
  ManagementErrorKey,
  ...ManagementErrorKey[],
]

/** A fixture's change to one entry: `null` removes `errorCode` or the `WWW-Authenticate` header. */
export interface ManagementErrorOverride {
  statusCode?: number | undefined
  message?: string | undefined
  errorCode?: string | null | undefined
  wwwAuthenticate?: string | null | undefined
}

/** The catalogue with a tenant's overrides applied. */
export function resolveManagementCatalogue(
  overrides: Readonly<Partial<Record<ManagementErrorKey, ManagementErrorOverride>>>,
): Readonly<Record<ManagementErrorKey, ManagementErrorEntry>> {
  const out: Record<ManagementErrorKey, ManagementErrorEntry> = { ...MANAGEMENT_ERROR_CATALOGUE }
  for (const [key, override] of Object.entries(overrides) as [
    ManagementErrorKey,
    ManagementErrorOverride,
  ][]) {
    const base = out[key]
    const errorCode = override.errorCode === undefined ? base.errorCode : override.errorCode
    const header =
      override.wwwAuthenticate === undefined ? base.wwwAuthenticate : override.wwwAuthenticate
    out[key] = {
      statusCode: override.statusCode ?? base.statusCode,
      message: override.message ?? base.message,
      ...(errorCode == null ? {} : { errorCode }),
      ...(base.attributes ? { attributes: true } : {}),
      ...(header == null ? {} : { wwwAuthenticate: header }),
    }
  }
  return out
}
