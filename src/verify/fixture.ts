import { applyOverlay, type FixtureOverlay } from '../config/overlay.js'
import type { Fixture, FixtureInput } from '../config/schema.js'
import { RECOVERY_CODE_ALPHABET, RECOVERY_CODE_LENGTH } from '../contract/codes.js'
import { GrantType } from '../contract/grant-types.js'
import { createEmulator, type Emulator } from '../emulator.js'
import { VerifyProblem } from './problem.js'

/** The tenant, application and user a run logs in as. */
export interface Credentials {
  domain: string
  clientId: string
  /** Absent for a public client (SPA or native). */
  clientSecret: string | undefined
  username: string
  password: string
  recoveryCode: string
}

/** The in-process emulator of a run and the credentials its fixture knows the user by. */
export interface EmulatorUnderTest {
  emulator: Emulator
  clientSecret: string | undefined
  password: string
  userId: string
}

const CODE = new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`)
const PLACEHOLDER_CODE = 'K6LGLV3RSH3VERMKET8L7QKU'

/** A one-tenant fixture holding the given application and an MFA user with the given code. */
export function syntheticFixture(c: Credentials): FixtureInput {
  return {
    tenant: { domain: c.domain, friendly_name: c.domain },
    clients: [
      {
        client_id: c.clientId,
        ...(c.clientSecret === undefined ? {} : { client_secret: c.clientSecret }),
        grant_types: [
          GrantType.password,
          GrantType.passwordRealm,
          GrantType.recoveryCode,
          GrantType.mfaOtp,
          GrantType.mfaOob,
        ],
      },
    ],
    users: [
      {
        user_id: 'auth0|verify-user',
        email: c.username,
        password: c.password,
        mfa_required: true,
        // The emulator side always redeems its own current code; the format only has to pass.
        recovery_code: CODE.test(c.recoveryCode) ? c.recoveryCode : PLACEHOLDER_CODE,
      },
    ],
  }
}

/** Picks the tenant of a fixture file that a run compares against: the only one, or by domain. */
export function pickTenant(tenants: readonly Fixture[], domain: string, source: string): Fixture {
  if (tenants.length === 1 && tenants[0]) return tenants[0]
  const match = tenants.find((t) => t.tenant.domain === domain)
  if (!match) {
    throw new VerifyProblem(
      `${source} holds several tenants and none has domain '${domain}'; set that tenant's tenant.domain`,
    )
  }
  return match
}

function buildEmulator(fixtures: FixtureInput, source: string): Emulator {
  try {
    return createEmulator({ fixtures, fixtureSource: source })
  } catch (err) {
    throw new VerifyProblem(err instanceof Error ? err.message : String(err))
  }
}

/**
 * Creates the emulator a run compares the tenant with: from the user's fixture when given (its
 * client and user found by client_id and username), else a synthetic one; the overlay on top.
 */
export function emulatorUnderTest(
  c: Credentials,
  base: { fixture: FixtureInput; source: string } | undefined,
  overlay: FixtureOverlay | undefined,
): EmulatorUnderTest {
  const source = base?.source ?? 'the synthetic fixture'
  const input = base?.fixture ?? syntheticFixture(c)
  const emulator = buildEmulator(overlay ? applyOverlay(input, overlay) : input, source)
  const { clients, users } = emulator.fixture
  const client = clients.find((x) => x.client_id === c.clientId)
  if (!client) {
    throw new VerifyProblem(
      `${source} has no client '${c.clientId}'; add it with the tenant's grant types, or leave out --fixtures`,
    )
  }
  const wanted = c.username.toLowerCase()
  const user = users.find((u) => u.email.toLowerCase() === wanted || u.user_id === c.username)
  if (!user) {
    throw new VerifyProblem(
      `${source} has no user '${c.username}'; add the user (mfa_required: true, a recovery_code), or leave out --fixtures`,
    )
  }
  return {
    emulator,
    clientSecret: client.client_secret,
    password: user.password,
    userId: user.user_id,
  }
}
