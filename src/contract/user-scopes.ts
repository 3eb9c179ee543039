/**
 * The Management API scopes Auth0 grants a user's own token (contract §13): only these
 * `*:current_user*` ones, never scopes such as `update:users` that act on other users.
 */
export const CURRENT_USER_SCOPES: ReadonlySet<string> = new Set([
  'read:current_user',
  'update:current_user_identities',
  'update:current_user_metadata',
  'create:current_user_metadata',
  'delete:current_user_metadata',
  'create:current_user_device_credentials',
  'delete:current_user_device_credentials',
])

/** The scopes a user's token for the Management API carries of those it asked for. */
export function userManagementScopes(requested: readonly string[]): string[] {
  return requested.filter((s) => !s.includes(':') || CURRENT_USER_SCOPES.has(s))
}
