import type { Finding } from '../case.js'
import { exchange, settle, type VerifyCase } from '../case.js'
import type { AnswerPair } from '../context.js'
import { describeAnswer } from '../describe.js'
import { loginBoth } from '../login.js'
import { VerifyProblem } from '../problem.js'
import { codeGrant } from '../requests.js'
import type { Answer } from '../wire.js'
import { errorCase } from './error-case.js'

/** A recovery-code grant with a well-formed code that is not the user's. */
export const wrongRecoveryCode: VerifyCase = errorCase({
  id: 'wrong-recovery-code',
  title: 'recovery-code grant with a wrong code',
  errorKey: 'invalid_recovery_code',
  needsToken: true,
  request: (ctx, side, v) =>
    codeGrant(ctx, side, { mfa_token: v.mfaToken, recovery_code: v.wrongCode }),
})

function refusedCode(answer: Answer): VerifyProblem {
  return new VerifyProblem(
    `the tenant refused the recovery code (${describeAnswer(answer)}); pass the user's current code with --recovery-code (AUTH0_VERIFY_RECOVERY_CODE), or generate a new one for the user in the dashboard`,
  )
}

/** Token answer members compared by value. */
export const SUCCESS_VALUES = ['token_type', 'scope', 'expires_in']

/** The `access_token_lifetime` that gives the emulator's tokens the tenant's `expires_in`. */
export function lifetimeFindings(pair: AnswerPair): Finding[] {
  const lifetime = (pair.tenant.json as { expires_in?: unknown }).expires_in
  const own = (pair.emulator.json as { expires_in?: unknown }).expires_in
  const usable = typeof lifetime === 'number' && Number.isInteger(lifetime) && lifetime > 0
  return usable && lifetime !== own ? [{ path: ['access_token_lifetime'], value: lifetime }] : []
}

/** The grant with the user's code: tokens and a new code. Redeems the code the run was given. */
export const rightRecoveryCode: VerifyCase = {
  id: 'right-recovery-code',
  title: 'recovery-code grant with the right code',
  async run(ctx) {
    const tokens = await loginBoth(ctx)
    const pair = await exchange(ctx, (side) =>
      codeGrant(ctx, side, { mfa_token: tokens[side.name], recovery_code: side.code }),
    )
    if (pair.tenant.status !== 200) throw refusedCode(pair.tenant)
    if (pair.emulator.status !== 200) {
      throw new VerifyProblem(
        `the emulator refused its own user's recovery code (${describeAnswer(pair.emulator)}); check the fixture's client grant_types and the user's recovery_code`,
      )
    }
    ctx.seen.set('right-recovery-code', pair)
    ctx.tokens.set('right-recovery-code', tokens)
    const findings = lifetimeFindings(pair)
    const rules = { tokenEndpoint: true, valueKeys: SUCCESS_VALUES }
    return settle(pair, rules, findings, findings.length ? ['expires_in'] : [])
  },
}

/** A redeemed code used again with a fresh mfa_token. */
export const usedRecoveryCode: VerifyCase = errorCase({
  id: 'used-recovery-code',
  title: 'recovery-code grant with the code just redeemed',
  errorKey: 'invalid_recovery_code',
  needsToken: true,
  request: (ctx, side, v) =>
    codeGrant(ctx, side, {
      mfa_token: v.mfaToken,
      recovery_code: side.previousCode ?? v.wrongCode,
    }),
})
