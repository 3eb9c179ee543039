import { importJWK, importSPKI, type JWK, type JWTHeaderParameters, jwtVerify } from 'jose'
import type { ClientFixture } from '../../config/schema.js'
import { JWT_BEARER_ASSERTION } from '../../contract/grant-types.js'
import { OAuthError } from '../../contract/oauth-error.js'
import { acceptAssertionOnce, checkAssertionLifetime } from '../../domain/client-assertions.js'
import { findClient } from '../../domain/store.js'
import { issuerFor, type TenantContext } from '../../domain/tenant.js'
import { type Params, readParams, requireParam } from '../../http/params.js'
import type { Caller } from '../../http/pipeline.js'
import { safeEqual } from '../../tokens/safe-equal.js'

const ASSERTION_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384']

const failed = () => new OAuthError('client_authentication_failed')

interface BasicCredentials {
  clientId: string
  secret: string
}

function readBasic(header: string | null): BasicCredentials | undefined {
  if (!header || !/^basic /i.test(header)) return undefined
  let decoded: string
  try {
    decoded = atob(header.slice(6).trim())
  } catch {
    throw failed()
  }
  const colon = decoded.indexOf(':')
  if (colon < 0) throw failed()
  try {
    // RFC 6749 §2.3.1: both halves are form-urlencoded before base64.
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '))
    return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) }
  } catch {
    throw failed()
  }
}

async function verifyAssertion(
  tenant: TenantContext,
  client: ClientFixture,
  assertion: string,
  issuer: string,
) {
  const credentials = client.client_authentication_methods?.private_key_jwt.credentials ?? []
  if (!credentials.length) throw failed()
  const key = async (header: JWTHeaderParameters) => {
    const credential = credentials.find((c) => c.kid === header.kid) ?? credentials[0]
    if (!credential) throw failed()
    if (credential.pem) return importSPKI(credential.pem, header.alg)
    return importJWK(credential.jwk as JWK, header.alg)
  }
  const { exp, jti } = await jwtVerify(assertion, key, {
    issuer: client.client_id,
    subject: client.client_id,
    audience: [issuer, `${issuer}oauth/token`],
    algorithms: ASSERTION_ALGS,
    requiredClaims: ['exp', 'jti'],
    currentDate: new Date(tenant.clock.now()),
  }).then(
    (verified) => verified.payload,
    () => {
      throw failed()
    },
  )
  if (exp === undefined || typeof jti !== 'string' || !jti) throw failed()
  checkAssertionLifetime(tenant, exp)
  acceptAssertionOnce(tenant, client.client_id, jti, exp)
}

/** How a client must authenticate: its `token_endpoint_auth_method`, or what its fixture implies. */
export function authMethodOf(client: ClientFixture): AuthMethod {
  if (client.token_endpoint_auth_method) return client.token_endpoint_auth_method
  if (client.client_secret !== undefined) return 'client_secret_post'
  return client.client_authentication_methods ? 'private_key_jwt' : 'none'
}

/** A `token_endpoint_auth_method` value. */
export type AuthMethod = NonNullable<ClientFixture['token_endpoint_auth_method']>

/**
 * Identifies and authenticates the client of a token request by its `token_endpoint_auth_method`:
 * `client_secret_post` (secret in the body), `client_secret_basic` (HTTP Basic),
 * `private_key_jwt` (a signed `client_assertion`) or `none` (public: only `client_id`). Any other
 * way of authenticating is refused as Auth0 does, with `401 access_denied`.
 */
export async function authenticateClient(
  tenant: TenantContext,
  request: Request,
  params: Params,
  issuer: string,
): Promise<ClientFixture> {
  const basic = readBasic(request.headers.get('authorization'))
  const clientId = basic?.clientId ?? params.client_id
  if (!clientId) throw new OAuthError('missing_parameter', { name: 'client_id' })
  if (basic && params.client_id && params.client_id !== basic.clientId) throw failed()
  const client = findClient(tenant, clientId)
  if (!client) throw new OAuthError('unknown_client')
  const method = authMethodOf(client)
  const assertion = params.client_assertion
  const bodySecret = params.client_secret
  const presented = [basic && 'basic', bodySecret !== undefined && 'post', assertion && 'jwt']
  if (presented.filter(Boolean).length > 1) throw failed()
  switch (method) {
    case 'none':
      if (basic || bodySecret !== undefined || assertion !== undefined) throw failed()
      return client
    case 'private_key_jwt':
      if (assertion === undefined || params.client_assertion_type !== JWT_BEARER_ASSERTION)
        throw failed()
      await verifyAssertion(tenant, client, assertion, issuer)
      return client
    case 'client_secret_basic':
      return checkSecret(client, basic?.secret)
    case 'client_secret_post':
      return checkSecret(client, basic ? undefined : bodySecret)
  }
}

function checkSecret(client: ClientFixture, secret: string | undefined): ClientFixture {
  if (secret === undefined || client.client_secret === undefined) throw failed()
  if (!safeEqual(secret, client.client_secret)) throw failed()
  return client
}

/** What a client-authenticated route is given: the client and the request's parameters. */
export interface ClientCaller {
  client: ClientFixture
  params: Params
}

/**
 * The caller check of the routes a client authenticates to (`/oauth/token`, `/oauth/revoke`,
 * `/mfa/challenge`): the form or JSON parameters, then `first` (the token endpoint checks
 * `grant_type` before the client), then the client as its auth method requires.
 */
export function clientCaller(first?: string): Caller<ClientCaller> {
  return {
    kind: 'client',
    async check(tenant, request, _scenarios, trace) {
      const params = await readParams(request, tenant.maxBodyBytes)
      trace.params = params
      if (first !== undefined) requireParam(params, first)
      const issuer = issuerFor(tenant, new URL(request.url))
      const client = await authenticateClient(tenant, request, params, issuer)
      trace.clientId = client.client_id
      return { client, params }
    },
  }
}
