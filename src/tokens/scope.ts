/** Splits a space-delimited scope string into its distinct values, in order. */
export function scopeValues(scope: string): string[] {
  return [...new Set(scope.split(/\s+/).filter(Boolean))]
}

/** The scopes Auth0 grants without an `audience`: only OpenID Connect's own. */
export const OIDC_SCOPES: ReadonlySet<string> = new Set([
  'openid',
  'profile',
  'email',
  'address',
  'phone',
  'offline_access',
])
