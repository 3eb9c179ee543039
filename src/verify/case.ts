import { type CompareRules, compareAnswers, type Difference } from './compare.js'
import type { AnswerPair, RunContext } from './context.js'
import type { Side } from './side.js'
import type { Answer, WireRequest } from './wire.js'

/** A fixture setting that makes the emulator answer like the tenant, e.g. `errors.x` or `mfa_token_lifetime`. */
export interface Finding {
  /** The path under `tenant` in a fixture. */
  path: readonly string[]
  value: unknown
}

/** What one case found. */
export interface CaseOutcome {
  tenant?: Answer
  emulator?: Answer
  differences: Difference[]
  /** Settings that would remove the recordable differences. */
  findings: Finding[]
  /** Differences no fixture setting covers (the emulator's code decides them). */
  unrecordable: Difference[]
  /** Facts worth showing that are not differences. */
  notes: string[]
  /** Why the case did not run, when it did not. */
  skipped?: string
}

/** One contract case that is safe to run against a real tenant. */
export interface VerifyCase {
  /** A stable kebab-case name. */
  id: string
  /** What it sends, in a few words. */
  title: string
  run(ctx: RunContext): Promise<CaseOutcome>
}

/** Sends the same request to the tenant and then to the emulator, built for each side. */
export async function exchange(
  ctx: RunContext,
  build: (side: Side) => WireRequest,
): Promise<AnswerPair> {
  const tenant = await ctx.tenant.send(build(ctx.tenant))
  const emulator = await ctx.emulator.send(build(ctx.emulator))
  return { tenant, emulator }
}

/**
 * An outcome from a compared pair: differences whose `what` the findings cover are recordable,
 * the rest are not.
 */
export function settle(
  pair: AnswerPair,
  rules: CompareRules,
  findings: Finding[] = [],
  covered: readonly string[] = [],
  notes: string[] = [],
): CaseOutcome {
  const differences = compareAnswers(pair.tenant, pair.emulator, rules)
  return {
    ...pair,
    differences,
    findings,
    unrecordable: differences.filter((d) => !covered.includes(d.what)),
    notes,
  }
}

/** An outcome for a case that did not run. */
export function skipped(reason: string, notes: string[] = []): CaseOutcome {
  return { differences: [], findings: [], unrecordable: [], notes, skipped: reason }
}
