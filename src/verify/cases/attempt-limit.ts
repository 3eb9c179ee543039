import { type Finding, settle, skipped, type VerifyCase } from '../case.js'
import type { RunContext } from '../context.js'
import { login } from '../login.js'
import { ERROR_FIELDS, errorFinding } from '../record.js'
import { codeGrant, wrongCode } from '../requests.js'
import type { Side } from '../side.js'
import type { Answer } from '../wire.js'

const MAX_TRIES = 30

const same = (a: Answer, b: Answer | undefined) =>
  b !== undefined && a.status === b.status && a.text === b.text

/**
 * Submits wrong codes until the answer stops being the wrong-code answer; returns that answer
 * and how many wrong-code answers the side gave in the whole run before it.
 */
async function exhaust(ctx: RunContext, side: Side): Promise<{ failures: number; last: Answer }> {
  const token = await login(ctx, side)
  const usual = ctx.seen.get('wrong-recovery-code')?.[side.name]
  for (let tries = 0; ; tries += 1) {
    const request = codeGrant(ctx, side, { mfa_token: token, recovery_code: wrongCode(ctx) })
    const last = await side.send(request)
    if (!same(last, usual) || tries + 1 >= MAX_TRIES) {
      const failures = side.codeAnswers.filter((a) => a !== last && same(a, usual)).length
      return { failures, last }
    }
  }
}

/** Wrong codes until `429 too_many_attempts`: the limit and its answer. Locks the user for a while. */
export const attemptLimit: VerifyCase = {
  id: 'attempt-limit',
  title: 'wrong codes until the attempt limit answers',
  async run(ctx) {
    if (!ctx.settings.attemptLimit) {
      return skipped(
        'off by default: it locks the user out of recovery codes until the limit refills; pass --attempt-limit to run it',
      )
    }
    const tenant = await exhaust(ctx, ctx.tenant)
    const emulator = await exhaust(ctx, ctx.emulator)
    const pair = { tenant: tenant.last, emulator: emulator.last }
    const findings: Finding[] = []
    const error = errorFinding('too_many_attempts', pair)
    if (error) findings.push(error)
    const locked = tenant.last.status === 429
    const notes = ["the user's recovery codes stay locked on the tenant until its limit refills"]
    const outcome = settle(
      pair,
      { tokenEndpoint: true },
      findings,
      error ? ERROR_FIELDS : [],
      notes,
    )
    if (tenant.failures === emulator.failures && locked === (emulator.last.status === 429)) {
      return outcome
    }
    const count = {
      what: 'wrong codes before the limit',
      tenant: locked ? String(tenant.failures) : `no limit within ${tenant.failures}`,
      emulator: String(emulator.failures),
    }
    // Counted over the whole run, so this is the tenant's bucket if it started full.
    if (!locked) findings.push({ path: ['attempt_limit'], value: false })
    else if (tenant.failures > 0) {
      findings.push({ path: ['attempt_limit', 'max_attempts'], value: tenant.failures })
    } else notes.push('the tenant was locked before this run, so its limit is unknown')
    const unrecordable = locked && tenant.failures === 0 ? [count] : []
    return {
      ...outcome,
      differences: [...outcome.differences, count],
      unrecordable: [...outcome.unrecordable, ...unrecordable],
    }
  },
}
