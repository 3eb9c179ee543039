import { issuerFor, type TenantContext } from '../domain/tenant.js'
import { anyone, type Route, route } from '../http/pipeline.js'
import { json } from '../http/respond.js'

/** The OpenID configuration Auth0 publishes, for `issuer`. */
export function openidConfiguration(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}authorize`,
    token_endpoint: `${issuer}oauth/token`,
    device_authorization_endpoint: `${issuer}oauth/device/code`,
    userinfo_endpoint: `${issuer}userinfo`,
    mfa_challenge_endpoint: `${issuer}mfa/challenge`,
    jwks_uri: `${issuer}.well-known/jwks.json`,
    registration_endpoint: `${issuer}oidc/register`,
    revocation_endpoint: `${issuer}oauth/revoke`,
    end_session_endpoint: `${issuer}oidc/logout`,
    scopes_supported: [
      'openid',
      'profile',
      'offline_access',
      'name',
      'given_name',
      'family_name',
      'nickname',
      'email',
      'email_verified',
      'picture',
      'created_at',
      'identities',
      'phone',
      'address',
    ],
    response_types_supported: [
      'code',
      'token',
      'id_token',
      'code token',
      'code id_token',
      'token id_token',
      'code token id_token',
    ],
    code_challenge_methods_supported: ['S256', 'plain'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: [
      'client_secret_basic',
      'client_secret_post',
      'private_key_jwt',
    ],
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'PS256'],
    claims_supported: [
      'aud',
      'auth_time',
      'created_at',
      'email',
      'email_verified',
      'exp',
      'family_name',
      'given_name',
      'iat',
      'identities',
      'iss',
      'name',
      'nickname',
      'phone_number',
      'picture',
      'sub',
    ],
    request_uri_parameter_supported: false,
    request_parameter_supported: false,
    id_token_signing_alg_values_supported: ['HS256', 'RS256', 'PS256'],
  }
}

/** `/.well-known/openid-configuration` and `/.well-known/jwks.json`. */
export function discoveryRoutes(tenant: TenantContext): Route[] {
  const get = { method: 'GET', dialect: 'discovery', caller: anyone } as const
  return [
    route({
      ...get,
      path: '/.well-known/openid-configuration',
      handle: ({ url }) => json(openidConfiguration(issuerFor(tenant, url))),
    }),
    route({
      ...get,
      path: '/.well-known/jwks.json',
      handle: async () => json({ keys: (await tenant.keys()).map((k) => k.publicJwk) }),
    }),
  ]
}
