import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import defaultJson from '../fixtures/default.json' with { type: 'json' }
import { createGenerators } from '../src/tokens/generators.js'
import { createRandomBytes } from '../src/tokens/random.js'

/** A user of the bench tenant with the code and mfa_token its first redemption uses. */
export interface BenchUser {
  userId: string
  mfaToken: string
  code: string
}

/**
 * The bench tenant: the default one plus `count` MFA users, each with a recovery code and a
 * long-lived reusable mfa_token, so every request of a connection redeems a real code.
 */
export function writeBenchFixture(
  dir: string,
  count: number,
): { path: string; users: BenchUser[] } {
  const gen = createGenerators(createRandomBytes('bench'))
  const users = Array.from({ length: count }, (_, i) => ({
    user_id: `auth0|bench-${i}`,
    email: `bench-${i}@example.com`,
    password: 'Passw0rd!',
    mfa_required: true,
    recovery_code: gen.recoveryCode(),
  }))
  const fixture = {
    ...defaultJson,
    tenant: {
      ...defaultJson.tenant,
      attempt_limit: false,
      mfa_token_reuse: { token_grants: 'until-expiry', authenticators: 'until-expiry' },
    },
    users: [...defaultJson.users, ...users],
    mfa_tokens: users.map((u, i) => ({
      mfa_token: `bench-mfa-${i}`,
      user_id: u.user_id,
      client_id: 'spa-client',
      scope: 'openid profile email',
      expires_in: 86400,
    })),
  }
  const path = join(dir, 'bench-fixture.json')
  writeFileSync(path, JSON.stringify(fixture))
  return {
    path,
    users: users.map((u, i) => ({
      userId: u.user_id,
      mfaToken: `bench-mfa-${i}`,
      code: u.recovery_code,
    })),
  }
}
