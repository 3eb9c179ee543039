import { maskPhone } from '../../contract/masks.js'
import type { AuthenticatorKind, AuthenticatorState, UserView } from '../../domain/store.js'

// Guardian enrolments: email is no Guardian factor, so it has no `auth_method`.
const AUTH_METHODS: Readonly<Partial<Record<AuthenticatorKind, string>>> = {
  totp: 'authenticator',
  sms: 'sms',
  voice: 'sms',
  push: 'guardian',
}

function enrollmentView(a: Readonly<AuthenticatorState>, authMethod: string) {
  return {
    id: a.id.slice(a.id.indexOf('|') + 1),
    status: 'confirmed',
    type: authMethod,
    ...(a.phone_number ? { phone_number: maskPhone(a.phone_number) } : {}),
    auth_method: authMethod,
    ...(a.createdAt === undefined ? {} : { enrolled_at: new Date(a.createdAt).toISOString() }),
  }
}

/**
 * `GET /api/v2/users/{id}/enrollments`: the user's first confirmed Guardian enrolment as an array
 * (`[]` for a user with none), fields the emulator does not track (name, identifier, last_auth)
 * left out.
 */
export function enrollments(user: UserView): Record<string, string>[] {
  for (const a of user.authenticators) {
    const method = AUTH_METHODS[a.kind]
    if (a.active && method) return [enrollmentView(a, method)]
  }
  return []
}
