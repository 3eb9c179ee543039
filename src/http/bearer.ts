/** What an `Authorization` header holds for a bearer-token route. */
export type BearerHeader = { token: string } | 'missing' | 'malformed'

const BEARER = /^bearer\s+(\S+)\s*$/i

/**
 * The one reading of `Authorization: Bearer <token>`, for every route that takes a bearer token
 * (MFA API, `/userinfo`, Management API) and the standalone server's admin token.
 */
export function bearerOf(header: string | null | undefined): BearerHeader {
  if (header === null || header === undefined) return 'missing'
  const token = BEARER.exec(header)?.[1]
  return token ? { token } : 'malformed'
}
