import { RECOVERY_CODE_ALPHABET, RECOVERY_CODE_LENGTH } from '../contract/codes.js'
import { GrantType } from '../contract/grant-types.js'
import type { RunContext } from './context.js'
import type { Side } from './side.js'
import type { WireRequest } from './wire.js'

function clientAuth(ctx: RunContext, side: Side): Record<string, string> {
  return {
    client_id: ctx.settings.clientId,
    ...(side.clientSecret === undefined ? {} : { client_secret: side.clientSecret }),
  }
}

/** The password login (password-realm with a realm) that answers `mfa_required` for an MFA user. */
export function loginRequest(ctx: RunContext, side: Side): WireRequest {
  const { realm, audience, scope, username } = ctx.settings
  return {
    method: 'POST',
    path: '/oauth/token',
    form: {
      grant_type: realm === undefined ? GrantType.password : GrantType.passwordRealm,
      ...clientAuth(ctx, side),
      username,
      password: side.password,
      scope,
      ...(realm === undefined ? {} : { realm }),
      ...(audience === undefined ? {} : { audience }),
    },
  }
}

/** A recovery-code grant with the given fields (leave one out to test a missing parameter). */
export function codeGrant(
  ctx: RunContext,
  side: Side,
  fields: { mfa_token?: string; recovery_code?: string; client_secret?: string },
): WireRequest {
  return {
    method: 'POST',
    path: '/oauth/token',
    form: { grant_type: GrantType.recoveryCode, ...clientAuth(ctx, side), ...fields },
  }
}

/** `GET /mfa/authenticators` with an mfa_token. */
export function listAuthenticators(mfaToken: string): WireRequest {
  return { method: 'GET', path: '/mfa/authenticators', bearer: mfaToken }
}

/** A well-formed recovery code that is neither side's current code. */
export function wrongCode(ctx: RunContext): string {
  const bytes = crypto.getRandomValues(new Uint8Array(RECOVERY_CODE_LENGTH))
  const code = [...bytes].map((b) => RECOVERY_CODE_ALPHABET[b % RECOVERY_CODE_ALPHABET.length])
  const text = code.join('')
  return text === ctx.tenant.code || text === ctx.emulator.code ? wrongCode(ctx) : text
}
