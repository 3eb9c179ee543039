import type { Grant } from './grant.js'
import { passwordGrant, passwordRealmGrant } from './password.js'
import { recoveryCodeGrant } from './recovery-code.js'

/** The grants the token endpoint serves, keyed by `grant_type`. A new grant is one line here. */
export const GRANTS: ReadonlyMap<string, Grant> = new Map(
  [recoveryCodeGrant, passwordGrant, passwordRealmGrant].map((g) => [g.type, g]),
)
