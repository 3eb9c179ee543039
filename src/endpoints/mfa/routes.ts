import { OAuthError } from '../../contract/oauth-error.js'
import { listAuthenticators } from '../../domain/authenticator-list.js'
import { deleteFactor } from '../../domain/factors.js'
import { recoveryCodesEnabled } from '../../domain/recovery-codes.js'
import type { TenantContext } from '../../domain/tenant.js'
import { type Fallback, type Route, route } from '../../http/pipeline.js'
import { json } from '../../http/respond.js'
import { pathSegment } from '../../http/routes.js'
import { clientCaller } from '../token/client-auth.js'
import { associate } from './associate.js'
import { mfaCaller } from './bearer.js'
import { challenge } from './challenge.js'

/** The MFA API: `/mfa/authenticators`, `/mfa/associate`, `/mfa/challenge`. */
export function mfaRoutes(tenant: TenantContext): Route[] {
  const dialect = 'mfa'
  return [
    route({
      method: 'GET',
      path: '/mfa/authenticators',
      dialect,
      caller: mfaCaller({ mfaToken: true, scope: 'read:authenticators' }),
      handle: ({ scenarios, caller }) =>
        json(listAuthenticators(tenant, caller.user, recoveryCodesEnabled(tenant, scenarios))),
    }),
    route({
      method: 'DELETE',
      path: '/mfa/authenticators/[^/]+',
      pattern: true,
      dialect,
      caller: mfaCaller({ mfaToken: false, scope: 'remove:authenticators' }),
      changesState: true,
      handle({ request, caller }) {
        const id = pathSegment(request, 3) ?? ''
        if (!deleteFactor(tenant, caller.user.profile.user_id, id)) {
          throw new OAuthError('authenticator_not_found')
        }
        return new Response(null, { status: 204 })
      },
    }),
    route({
      method: 'POST',
      path: '/mfa/associate',
      dialect,
      caller: mfaCaller({ mfaToken: true, scope: 'enroll' }),
      changesState: true,
      handle: async (context) => json(await associate(tenant, context)),
    }),
    route({
      method: 'POST',
      path: '/mfa/challenge',
      dialect,
      caller: clientCaller(),
      handle: (context) => json(challenge(tenant, context)),
    }),
  ]
}

/** Any other path under `/mfa/`. */
export const MFA_FALLBACK: Fallback = { path: '/mfa/.*', pattern: true, dialect: 'mfa' }
