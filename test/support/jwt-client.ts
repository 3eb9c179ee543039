import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import type { FixtureInput } from '../../src/index.js'

/** The client id of the `private_key_jwt` client `withJwtClient` adds. */
export const JWT_CLIENT = 'jwt-app'

/** The default fixture plus a `private_key_jwt` client holding `credential` (a public key). */
export function withJwtClient(
  credential: { kid?: string; jwk: { kty: string } & Record<string, unknown> },
  grantTypes: string[],
): FixtureInput {
  const clients = defaultJson.clients as NonNullable<FixtureInput['clients']>
  return {
    ...(defaultJson as FixtureInput),
    clients: [
      ...clients,
      {
        client_id: JWT_CLIENT,
        token_endpoint_auth_method: 'private_key_jwt',
        grant_types: grantTypes,
        client_authentication_methods: { private_key_jwt: { credentials: [credential] } },
      },
    ],
  }
}
