import type { VerifyReport } from './report.js'
import { VERIFY_PREFIX } from './report-text.js'

/** The one JSON document `--json` prints: the report, the new recovery code and where the overlay went. */
export function jsonDocument(report: VerifyReport, recordedTo: string | undefined): string {
  return JSON.stringify(
    {
      tool: VERIFY_PREFIX,
      exit_code: report.exitCode,
      tenant: report.tenant,
      problem: report.problem ?? null,
      stopped_in: report.stoppedIn ?? null,
      recovery_code_state: report.recoveryCode.state,
      new_recovery_code: report.recoveryCode.code ?? null,
      cases: report.cases,
      conflicts: report.conflicts,
      overlay: report.overlay,
      recorded_to: recordedTo ?? null,
    },
    null,
    2,
  )
}

/** The JSON document of a command line that could not start a run (nothing was sent). */
export function jsonProblem(problem: string): string {
  return JSON.stringify(
    {
      tool: VERIFY_PREFIX,
      exit_code: 2,
      problem,
      recovery_code_state: 'unchanged',
      new_recovery_code: null,
    },
    null,
    2,
  )
}
