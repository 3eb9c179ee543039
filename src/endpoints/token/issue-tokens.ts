import type { ClientFixture } from '../../config/schema.js'
import { GrantType } from '../../contract/grant-types.js'
import { addRefreshToken } from '../../domain/refresh-tokens.js'
import type { UserState } from '../../domain/store.js'
import { issuerFor, type TenantContext } from '../../domain/tenant.js'
import { signJwt } from '../../tokens/jwt.js'
import { scopeValues } from '../../tokens/scope.js'

/** Who gets tokens, for which client, with what the login asked for. */
export interface TokenGrant {
  user: Readonly<UserState>
  client: ClientFixture
  scope: string
  audience: string | undefined
  url: URL
  /** The user's new recovery code, for the recovery-code grant. */
  recoveryCode?: string
  /** `false` leaves the refresh token out (a non-rotating refresh). */
  refreshToken?: boolean
}

/** A successful `/oauth/token` body, keys in Auth0's order. */
export type TokenBody = Record<string, string | number>

function profileClaims(user: UserState, scopes: readonly string[]): Record<string, unknown> {
  const p = user.profile
  const claims: Record<string, unknown> = {}
  if (scopes.includes('profile')) {
    claims.nickname = p.nickname ?? p.email.split('@')[0]
    claims.name = p.name ?? p.email
    claims.picture = p.picture ?? 'https://s.gravatar.com/avatar/0?s=480&d=mp'
    claims.updated_at = '2026-01-01T00:00:00.000Z'
  }
  if (scopes.includes('email')) {
    claims.email = p.email
    claims.email_verified = p.email_verified
  }
  return claims
}

/**
 * Mints the tokens of a successful grant: an access token (an RS256 JWT for an audience, opaque
 * without), an ID token when `openid` was asked for, and a refresh token with `offline_access`
 * for a client allowed to refresh.
 */
export async function issueTokens(tenant: TenantContext, grant: TokenGrant): Promise<TokenBody> {
  const { user, client, scope, audience } = grant
  const settings = tenant.fixture.tenant
  const issuer = issuerFor(tenant, grant.url)
  const [key] = await tenant.keys()
  if (!key) throw new Error('the tenant has no signing key')
  const iat = Math.floor(tenant.clock.now() / 1000)
  const sub = user.profile.user_id
  const scopes = scopeValues(scope)
  const granted = scopes.join(' ')
  const openid = scopes.includes('openid')
  const userinfo = `${issuer}userinfo`
  // Like Auth0: a JWT for an API audience, an opaque token without one. Both JWTs are signed
  // at once (WebCrypto signs on libuv's thread pool).
  const accessToken = audience
    ? signJwt(key, {
        iss: issuer,
        sub,
        aud: openid ? [audience, userinfo] : audience,
        iat,
        exp: iat + settings.access_token_lifetime,
        scope: granted,
        azp: client.client_id,
        jti: tenant.gen.jwtId(),
      })
    : tenant.gen.accessToken()
  const idToken = openid
    ? signJwt(key, {
        ...profileClaims(user, scopes),
        iss: issuer,
        aud: client.client_id,
        sub,
        iat,
        exp: iat + settings.id_token_lifetime,
      })
    : undefined
  const refreshable =
    scopes.includes('offline_access') && client.grant_types.includes(GrantType.refreshToken)
  let refreshToken: string | undefined
  if (refreshable && grant.refreshToken !== false) {
    refreshToken = tenant.gen.refreshToken()
    addRefreshToken(tenant, refreshToken, {
      userId: sub,
      clientId: client.client_id,
      scope,
      audience,
    })
  }
  const [access, id] = await Promise.all([accessToken, idToken])
  const body: TokenBody = { access_token: access }
  if (refreshToken) body.refresh_token = refreshToken
  if (id) body.id_token = id
  if (granted) body.scope = granted
  body.expires_in = settings.access_token_lifetime
  if (grant.recoveryCode !== undefined) body.recovery_code = grant.recoveryCode
  body.token_type = 'Bearer'
  return body
}
