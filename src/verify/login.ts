import type { RunContext } from './context.js'
import { describeAnswer } from './describe.js'
import { VerifyProblem } from './problem.js'
import { loginRequest } from './requests.js'
import type { Side } from './side.js'
import type { Answer } from './wire.js'

/** The mfa_token of an `mfa_required` answer, if that is what the answer is. */
export function mfaTokenOf(answer: Answer): string | undefined {
  const body = answer.json as { error?: unknown; mfa_token?: unknown } | undefined
  if (answer.status !== 403 || body?.error !== 'mfa_required') return undefined
  return typeof body.mfa_token === 'string' ? body.mfa_token : undefined
}

/** Why the tenant refused the password login, as one line saying what to change. */
export function tenantLoginProblem(answer: Answer): VerifyProblem {
  const got = describeAnswer(answer)
  const error = (answer.json as { error?: unknown } | undefined)?.error
  if (answer.status === 200) {
    return new VerifyProblem(
      'the tenant logged the user in without MFA; enrol the user in MFA with recovery codes on (see docs/verify.md)',
    )
  }
  if (error === 'invalid_grant') {
    return new VerifyProblem(
      `the tenant refused the username or password (${got}); check --username and --password (AUTH0_VERIFY_USERNAME, AUTH0_VERIFY_PASSWORD)`,
    )
  }
  if (answer.status === 401 || error === 'access_denied' || error === 'invalid_client') {
    return new VerifyProblem(
      `the tenant refused the application's credentials (${got}); check --client-id and --client-secret (AUTH0_VERIFY_CLIENT_ID, AUTH0_VERIFY_CLIENT_SECRET)`,
    )
  }
  if (error === 'unauthorized_client') {
    return new VerifyProblem(
      `the application may not use the password grant (${got}); enable the Password and MFA grant types in its Advanced Settings`,
    )
  }
  return new VerifyProblem(
    `the tenant answered the password login with ${got} instead of 403 mfa_required; check the user, the application and --realm`,
  )
}

/** Logs in on one side and returns the mfa_token of its `mfa_required` answer. */
export async function login(ctx: RunContext, side: Side): Promise<string> {
  const answer = await side.send(loginRequest(ctx, side))
  const token = mfaTokenOf(answer)
  if (token !== undefined) return token
  if (side.name === 'tenant') throw tenantLoginProblem(answer)
  throw emulatorLoginProblem(answer)
}

/** Why the emulator refused the password login: its fixture does not match the tenant's user. */
export function emulatorLoginProblem(answer: Answer): VerifyProblem {
  return new VerifyProblem(
    `the emulator's fixture answered the password login with ${describeAnswer(answer)} instead of 403 mfa_required; give the user mfa_required: true and the same password in the fixture`,
  )
}

/** Fresh mfa_tokens from both sides, tenant first. */
export async function loginBoth(ctx: RunContext): Promise<{ tenant: string; emulator: string }> {
  const tenant = await login(ctx, ctx.tenant)
  const emulator = await login(ctx, ctx.emulator)
  return { tenant, emulator }
}
