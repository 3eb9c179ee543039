import type { FixtureOverlay } from '../config/overlay.js'
import type { CaseOutcome } from './case.js'
import type { Difference } from './compare.js'
import type { Conflict } from './record.js'
import { redactJson, type Scrubber } from './redact.js'
import type { CodeState } from './side.js'
import type { Answer } from './wire.js'

/** An answer as a report shows it: secrets redacted. */
export interface AnswerView {
  status: number
  /** The headers `verify` compares, when present. */
  headers: Record<string, string>
  /** The JSON body with secret members redacted, or the text body. */
  body: unknown
}

/** How one case went. */
export interface CaseReport {
  id: string
  title: string
  status: 'match' | 'differ' | 'skipped'
  tenant?: AnswerView
  emulator?: AnswerView
  differences: Difference[]
  /** Differences no fixture setting covers; `--record` cannot remove them. */
  unrecordable: Difference[]
  /** The fixture settings `--record` writes for this case, e.g. `tenant.mfa_token_lifetime`. */
  settings: { setting: string; value: unknown }[]
  notes: string[]
  /** Why the case did not run. */
  skipped?: string
}

/** What a run found. */
export interface VerifyReport {
  /** 0: everything matches; 1: differences; 2: the run could not go on (see `problem`). */
  exitCode: 0 | 1 | 2
  /** Where the tenant was reached. */
  tenant: string
  cases: CaseReport[]
  /** One line saying what to change, when the run could not go on. */
  problem: string | undefined
  /** The case that was running when the run stopped, if it stopped in one. */
  stoppedIn: string | undefined
  /**
   * The user's recovery code after the run: `rotated` with the new `code` (the one passed in no
   * longer works), `unchanged`, or `unknown` when a redemption got no answer.
   */
  recoveryCode: { state: CodeState; code: string | undefined }
  /** The overlay that makes the emulator answer like the tenant (the given one plus the findings). */
  overlay: FixtureOverlay
  /** Settings two cases wanted differently; the first was kept. */
  conflicts: Conflict[]
}

const SHOWN_HEADERS = ['content-type', 'cache-control', 'pragma', 'www-authenticate']

/** An answer with its secrets removed, for reports. */
function viewOf(answer: Answer, scrubber: Scrubber): AnswerView {
  const headers: Record<string, string> = {}
  for (const name of SHOWN_HEADERS) {
    const value = answer.headers[name]
    if (value !== undefined) headers[name] = scrubber.scrub(value)
  }
  const body =
    answer.json === undefined
      ? scrubber.scrub(answer.text.slice(0, 300))
      : JSON.parse(scrubber.scrub(JSON.stringify(redactJson(answer.json))))
  return { status: answer.status, headers, body }
}

/** A case's outcome as reported: answers redacted, every string scrubbed. */
export function caseReport(
  id: string,
  title: string,
  outcome: CaseOutcome,
  scrubber: Scrubber,
): CaseReport {
  const clean = (d: Difference): Difference => ({
    what: d.what,
    tenant: scrubber.scrub(d.tenant),
    emulator: scrubber.scrub(d.emulator),
  })
  const status = outcome.skipped ? 'skipped' : outcome.differences.length ? 'differ' : 'match'
  return {
    id,
    title,
    status,
    ...(outcome.tenant ? { tenant: viewOf(outcome.tenant, scrubber) } : {}),
    ...(outcome.emulator ? { emulator: viewOf(outcome.emulator, scrubber) } : {}),
    differences: outcome.differences.map(clean),
    unrecordable: outcome.unrecordable.map(clean),
    settings: outcome.findings.map((f) => ({
      setting: ['tenant', ...f.path].join('.'),
      value: JSON.parse(scrubber.scrub(JSON.stringify(f.value))),
    })),
    notes: outcome.notes.map((n) => scrubber.scrub(n)),
    ...(outcome.skipped ? { skipped: scrubber.scrub(outcome.skipped) } : {}),
  }
}
