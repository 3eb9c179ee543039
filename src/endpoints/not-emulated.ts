import type { Fallback } from '../http/pipeline.js'
import { EmulatorError } from '../support/emulator-error.js'

/** Endpoints discovery advertises (Auth0 publishes them) that the emulator does not emulate. */
export const NOT_EMULATED = ['/authorize', '/oauth/device/code', '/oidc/register'] as const

const COVERED =
  'the token endpoint (password, password-realm, MFA, refresh_token and client_credentials grants), the MFA API with Guardian push, /userinfo, /oauth/revoke, logout, the Management API recovery-code slice, discovery and JWKS'

/** The emulator's honest refusal of something Auth0 serves and it does not (a path, a grant). */
export function notEmulated(what: string): EmulatorError {
  return new EmulatorError(
    501,
    'not_emulated',
    `${what} is not emulated. The emulator covers ${COVERED}; see docs/http-api.md`,
  )
}

/**
 * A clear `501 not_emulated` for every URL discovery lists that the emulator does not serve, so
 * a client that follows discovery never meets a bare 404.
 */
export const NOT_EMULATED_FALLBACKS: Fallback[] = NOT_EMULATED.map((path) => ({
  path,
  dialect: 'discovery',
  refuse: () => notEmulated(path),
}))
