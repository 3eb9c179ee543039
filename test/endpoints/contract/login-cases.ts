import { expect } from 'vitest'
import { form } from '../../support/requests.js'
import { type ContractCase, errorBody, withExtraUsers } from './cases.js'
import { expectTokenKeys } from './enrolment-support.js'

/** Two users with usernames (the recorded login sends `username=test-user`). */
const WITH_USERNAMES = withExtraUsers([
  {
    user_id: 'auth0|test-user',
    email: 'test-user@example.com',
    username: 'test-user',
    password: 'Passw0rd!',
  },
  {
    user_id: 'auth0|frank',
    email: 'frank@example.com',
    username: 'Frank',
    password: 'Passw0rd!',
    mfa_required: true,
    recovery_code: 'MZCRK3YX5V3AKNNYY6JEBQCL',
    authenticators: [{ type: 'totp', secret: 'A7CML4VD2JZFRMMTAAJQN6XH7YVXL4XE' }],
  },
])

const login = (grant: string, username: string, extra: Record<string, string> = {}) => ({
  init: form({
    grant_type: grant,
    username,
    password: 'Passw0rd!',
    client_id: 'spa-client',
    ...extra,
  }),
})

/** Logins by username (contract §13). */
export const LOGIN_CONTRACT: ContractCase[] = [
  {
    name: 'logs a user in by username with the password grant',
    emulator: WITH_USERNAMES,
    request: () => login('password', 'test-user', { scope: 'openid' }),
    status: 200,
    check: expectTokenKeys,
  },
  {
    name: 'still logs that user in by email',
    emulator: WITH_USERNAMES,
    request: () => login('password', 'test-user@example.com'),
    status: 200,
    check: (body) => expect(body.token_type).toBe('Bearer'),
  },
  {
    name: 'answers mfa_required to a password-realm login by username, matched case-insensitively',
    emulator: WITH_USERNAMES,
    request: () =>
      login('http://auth0.com/oauth/grant-type/password-realm', 'frank', {
        realm: 'Username-Password-Authentication',
      }),
    status: 403,
    check: (body) => expect(body.error).toBe('mfa_required'),
  },
  {
    name: 'refuses an unknown username like a wrong password',
    emulator: WITH_USERNAMES,
    request: () => login('password', 'nobody'),
    status: 403,
    body: errorBody('invalid_grant', 'Wrong email or password.'),
  },
]
