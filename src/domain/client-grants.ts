import type { ClientFixture } from '../config/schema.js'
import { issuerFor, type TenantContext } from './tenant.js'

/** A client grant's audience that names this tenant's Management API at whatever host. */
const MANAGEMENT_API_ALIAS = 'management'

/** One of a client's grants to an API: the audience and the scopes the client may ask for. */
export type ClientGrant = ClientFixture['client_grants'][number]

/**
 * The Management API's identifier for a request: its issuer plus `api/v2/`, so it follows the
 * host the emulator is reached at exactly as the issuer does.
 */
export function managementAudience(tenant: TenantContext, url: URL): string {
  return `${issuerFor(tenant, url)}api/v2/`
}

/** The client's grant to the Management API reached as `audience`, if it has one. */
export function managementGrantOf(
  client: ClientFixture,
  audience: string,
): Readonly<ClientGrant> | undefined {
  return client.client_grants.find(
    (g) => g.audience === MANAGEMENT_API_ALIAS || g.audience === audience,
  )
}
