import {
  type CaseOutcome,
  exchange,
  type Finding,
  settle,
  skipped,
  type VerifyCase,
} from '../case.js'
import type { AnswerPair, RunContext } from '../context.js'
import { ERROR_FIELDS, errorFinding } from '../record.js'
import { codeGrant, listAuthenticators, wrongCode } from '../requests.js'
import type { Answer } from '../wire.js'

type Reuse = 'single-use' | 'until-expiry'

function sameError(a: Answer, b: Answer | undefined): boolean {
  const [x, y] = [a.json as Record<string, unknown>, b?.json as Record<string, unknown> | undefined]
  return (
    b !== undefined &&
    a.status === b.status &&
    x?.error === y?.error &&
    x?.error_description === y?.error_description
  )
}

function outcome(
  pair: AnswerPair,
  rule: { path: string[]; tenant: Reuse; emulator: Reuse },
  rules: Parameters<typeof settle>[1],
): CaseOutcome {
  const findings: Finding[] = []
  if (rule.tenant !== rule.emulator) findings.push({ path: rule.path, value: rule.tenant })
  // A refusal of the used token is the used_mfa_token entry; an accepted one says nothing new.
  const error = rule.tenant === 'single-use' ? errorFinding('used_mfa_token', pair) : undefined
  if (error) findings.push(error)
  return settle(pair, rules, findings, findings.length ? ERROR_FIELDS : [])
}

function redeemedTokens(ctx: RunContext) {
  return ctx.tokens.get('right-recovery-code')
}

/**
 * The mfa_token of a successful redemption, used again with a wrong code: refused as a used
 * token (single use), or answered like any wrong code (reusable until it expires).
 */
export const usedMfaToken: VerifyCase = {
  id: 'used-mfa-token',
  title: 'recovery-code grant reusing a redeemed mfa_token (wrong code)',
  async run(ctx) {
    const tokens = redeemedTokens(ctx)
    const wrongAnswers = ctx.seen.get('wrong-recovery-code')
    if (!tokens || !wrongAnswers) return skipped('needs the right- and wrong-code cases first')
    const wrong = wrongCode(ctx)
    const pair = await exchange(ctx, (side) =>
      codeGrant(ctx, side, { mfa_token: tokens[side.name], recovery_code: wrong }),
    )
    // The tenant's rule shows in its answer; the emulator's is in its fixture.
    const reuse = (answer: Answer, wrongAnswer: Answer): Reuse =>
      sameError(answer, wrongAnswer) ? 'until-expiry' : 'single-use'
    return outcome(
      pair,
      {
        path: ['mfa_token_reuse', 'token_grants'],
        tenant: reuse(pair.tenant, wrongAnswers.tenant),
        emulator: ctx.instance.fixture.tenant.mfa_token_reuse.token_grants,
      },
      { tokenEndpoint: true },
    )
  },
}

/** `GET /mfa/authenticators` with the mfa_token a redemption used. */
export const authenticatorsAfterUse: VerifyCase = {
  id: 'list-authenticators-after-use',
  title: 'GET /mfa/authenticators with a redeemed mfa_token',
  async run(ctx) {
    const tokens = redeemedTokens(ctx)
    if (!tokens) return skipped('needs the right-code case first')
    const pair = await exchange(ctx, (side) => listAuthenticators(tokens[side.name]))
    const reuse = (answer: Answer): Reuse => (answer.status === 200 ? 'until-expiry' : 'single-use')
    const pick = (x: unknown) => (x as { type?: unknown } | null)?.type === 'recovery-code'
    return outcome(
      pair,
      {
        path: ['mfa_token_reuse', 'authenticators'],
        tenant: reuse(pair.tenant),
        emulator: ctx.instance.fixture.tenant.mfa_token_reuse.authenticators,
      },
      { tokenEndpoint: false, pick },
    )
  },
}
