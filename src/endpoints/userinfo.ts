import { OAuthError } from '../contract/oauth-error.js'
import { findUser, type UserView } from '../domain/store.js'
import type { TenantContext } from '../domain/tenant.js'
import { bearerOf } from '../http/bearer.js'
import { type Caller, type Route, route } from '../http/pipeline.js'
import { json } from '../http/respond.js'
import { type AccessGrant, verifyAccessToken } from './access-token.js'
import { profileClaims } from './profile-claims.js'

/**
 * `/userinfo`'s caller check: an access token this tenant issued (opaque, or a JWT with the
 * userinfo audience) for a user it knows. Refusals are the `userinfo_*` catalogue entries, which
 * the userinfo dialect answers as Auth0 does: plain-text `401 Unauthorized`.
 */
const accessTokenCaller: Caller<{ grant: AccessGrant; user: UserView }> = {
  kind: 'access-token',
  async check(tenant, request, _scenarios, trace) {
    const bearer = bearerOf(request.headers.get('authorization'))
    if (typeof bearer === 'string') throw new OAuthError('userinfo_missing_token')
    const grant = await verifyAccessToken(tenant, bearer.token, new URL(request.url))
    if (grant === 'expired') throw new OAuthError('userinfo_expired_token')
    const audienceOk =
      grant !== 'invalid' &&
      (grant.audiences.length === 0 || grant.audiences.some((a) => a.endsWith('/userinfo')))
    const user = grant !== 'invalid' ? findUser(tenant, grant.userId) : undefined
    if (grant === 'invalid' || !audienceOk || !user) {
      throw new OAuthError('userinfo_invalid_token')
    }
    trace.userId = grant.userId
    trace.clientId = grant.clientId
    return { grant, user }
  },
}

/**
 * `GET|POST /userinfo`: the user's claims for the access token, in Auth0's order; `{}` for a
 * token without `openid`.
 */
export function userinfoRoutes(tenant: TenantContext): Route[] {
  const answer = route({
    method: 'GET',
    path: '/userinfo',
    dialect: 'userinfo',
    caller: accessTokenCaller,
    async handle({ caller: { grant, user } }) {
      if (!grant.scopes.includes('openid')) return json({})
      return json({ sub: grant.userId, ...(await profileClaims(tenant, user, grant.scopes)) })
    },
  })
  return [answer, { ...answer, method: 'POST' }]
}
