import { createLocalJWKSet, errors, type JWTPayload, jwtVerify } from 'jose'
import { ManagementError } from '../../contract/management-error.js'
import { issuedManagementToken, signedHere } from '../../domain/access-tokens.js'
import { managementAudience } from '../../domain/client-grants.js'
import { issuerFor, type TenantContext } from '../../domain/tenant.js'
import { bearerOf } from '../../http/bearer.js'
import { readJson } from '../../http/params.js'
import type { Caller } from '../../http/pipeline.js'
import { pathSegment } from '../../http/routes.js'
import { scopeValues } from '../../tokens/scope.js'

/** The failure a token verification error stands for, worded as Auth0's Management API words it. */
function verificationFailure(err: unknown): ManagementError {
  if (err instanceof errors.JWTExpired) return new ManagementError('expired_token')
  if (
    err instanceof errors.JWSSignatureVerificationFailed ||
    err instanceof errors.JWKSNoMatchingKey
  )
    return new ManagementError('invalid_signature')
  return new ManagementError('invalid_token')
}

/** Verifies a Management API token: this tenant's RS256 JWT for its `api/v2/` audience. */
async function verify(tenant: TenantContext, request: Request): Promise<JWTPayload> {
  const bearer = bearerOf(request.headers.get('authorization'))
  if (bearer === 'missing') throw new ManagementError('missing_authentication')
  if (bearer === 'malformed') throw new ManagementError('bad_authentication_header')
  const url = new URL(request.url)
  const keys = createLocalJWKSet({ keys: (await tenant.keys()).map((k) => k.publicJwk) })
  let payload: JWTPayload
  try {
    ;({ payload } = await jwtVerify(bearer.token, keys, {
      issuer: issuerFor(tenant, url),
      audience: managementAudience(tenant, url),
      algorithms: ['RS256'],
      currentDate: new Date(tenant.clock.now()),
    }))
  } catch (err) {
    throw verificationFailure(err)
  }
  // Another tenant's key would fail the signature at Auth0; a twin tenant's token fails here.
  const here =
    payload.gty === 'client-credentials'
      ? issuedManagementToken(tenant, bearer.token)
      : signedHere(tenant, payload.jti)
  if (!here) throw new ManagementError('invalid_signature')
  return payload
}

/** Who a Management API route accepts. */
export interface ManagementRule {
  /** A client-credentials token needs any of these scopes. */
  scopes: readonly string[]
  /** A user's own token (for their own `{id}` only) may call it with any of these instead. */
  ownUserScopes?: readonly string[]
  /** Whether the route takes a JSON body: read after the token and before the scope, as hapi does. */
  body?: boolean
}

/** What a Management API caller check established. */
export interface ManagementCaller {
  /** The JSON body, when the route takes one and one was sent. */
  body: unknown
}

/**
 * The Management API's caller check, in hapi's order: the token (this tenant's, this audience,
 * unexpired), the JSON body, then the scope. Only client-credentials tokens carry Management
 * scopes; a user's token is refused unless the route opens to `ownUserScopes` for their own id.
 */
export function managementCaller(rule: ManagementRule): Caller<ManagementCaller> {
  return {
    kind: 'management-token',
    async check(tenant, request, _scenarios, trace) {
      const payload = await verify(tenant, request)
      if (typeof payload.azp === 'string') trace.clientId = payload.azp
      const body = rule.body
        ? await readJson(request, tenant.maxBodyBytes, () => new ManagementError('invalid_json'))
        : undefined
      const granted = typeof payload.scope === 'string' ? scopeValues(payload.scope) : []
      const holds = (accepted: readonly string[]) => accepted.some((s) => granted.includes(s))
      const machine = payload.gty === 'client-credentials'
      const ownUser =
        !machine &&
        rule.ownUserScopes !== undefined &&
        holds(rule.ownUserScopes) &&
        pathSegment(request, 4) === payload.sub
      if (!(machine && holds(rule.scopes)) && !ownUser) {
        throw new ManagementError('insufficient_scope', { scopes: rule.scopes.join(',') })
      }
      return { body }
    },
  }
}
