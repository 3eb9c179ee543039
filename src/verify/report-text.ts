import type { Difference } from './compare.js'
import type { AnswerView, CaseReport, VerifyReport } from './report.js'

/** The product prefix of the subcommand's lines. */
export const VERIFY_PREFIX = 'auth0-mfa-emulator verify'

const INDENT = '         '

function counter(index: number, total: number): string {
  return `[${String(index).padStart(String(total).length)}/${total}]`
}

function answerLine(label: string, view: AnswerView | undefined): string {
  if (!view) return `${INDENT}${label.padEnd(9)}(no answer)`
  const type = view.headers['content-type'] ?? '(no Content-Type)'
  const body = typeof view.body === 'string' ? view.body : JSON.stringify(view.body)
  return `${INDENT}${label.padEnd(9)}${view.status} ${type} ${body}`
}

function differenceLine(d: Difference, recordable: boolean): string {
  const hint = recordable ? '' : ' (no fixture setting covers this)'
  return `${INDENT}≠ ${d.what}: tenant ${d.tenant} | emulator ${d.emulator}${hint}`
}

/** The line shown while a case runs (a spinner frame goes in front on a terminal). */
export function runningLine(index: number, total: number, id: string, title: string): string {
  return `${counter(index, total)} ${id}: ${title} …`
}

/** A finished case: one status line, then both answers, the differences and any notes. */
export function caseLines(report: CaseReport, index: number, total: number): string[] {
  const mark = { match: '✓ match  ', differ: '✗ DIFFERS', skipped: '- skipped' }[report.status]
  const head = `${counter(index, total)} ${mark} ${report.id}: ${report.title}`
  if (report.status === 'skipped') {
    return [
      head,
      `${INDENT}skipped: ${report.skipped ?? ''}`,
      ...report.notes.map((n) => `${INDENT}note: ${n}`),
    ]
  }
  const lines = [head]
  if (report.tenant || report.emulator) {
    lines.push(answerLine('tenant', report.tenant), answerLine('emulator', report.emulator))
  }
  const key = (d: Difference) => JSON.stringify([d.what, d.tenant, d.emulator])
  const unrecordable = new Set(report.unrecordable.map(key))
  for (const d of report.differences) lines.push(differenceLine(d, !unrecordable.has(key(d))))
  for (const { setting, value } of report.settings) {
    lines.push(`${INDENT}→ --record sets ${setting} = ${JSON.stringify(value)}`)
  }
  for (const note of report.notes) lines.push(`${INDENT}note: ${note}`)
  return lines
}

/** The closing lines: counts, what to do next, and any settings two cases wanted differently. */
export function summaryLines(report: VerifyReport, recordedTo: string | undefined): string[] {
  const count = (s: CaseReport['status']) => report.cases.filter((c) => c.status === s).length
  const lines = [
    `${VERIFY_PREFIX}: ${count('match')} match, ${count('differ')} differ, ${count('skipped')} skipped (tenant ${report.tenant})`,
  ]
  for (const c of report.conflicts) {
    lines.push(
      `${VERIFY_PREFIX}: cases disagree on tenant.${c.path}: kept ${JSON.stringify(c.kept)}, the emulator cannot also answer ${JSON.stringify(c.dropped)}`,
    )
  }
  const unrecordable = report.cases.reduce((n, c) => n + c.unrecordable.length, 0)
  if (report.exitCode === 1) {
    const next = recordedTo
      ? `recorded the fixture overlay to ${recordedTo}; run again with --overlay ${recordedTo} to check it`
      : 'run again with --record overlay.json to write a fixture overlay that makes the emulator answer like this tenant'
    lines.push(`${VERIFY_PREFIX}: ${next}`)
    if (unrecordable) {
      lines.push(
        `${VERIFY_PREFIX}: ${unrecordable} difference(s) no fixture setting covers; please report them as an issue`,
      )
    }
  }
  if (report.exitCode === 0 && recordedTo) {
    lines.push(`${VERIFY_PREFIX}: no differences; wrote the overlay in use to ${recordedTo}`)
  }
  return lines
}

/** The clearly labelled line with the user's recovery code after the run. */
export function recoveryCodeLine(report: VerifyReport): string {
  const { state, code } = report.recoveryCode
  if (state === 'rotated') {
    return `NEW RECOVERY CODE: ${code} (the code you passed is used up; store this one, e.g. as AUTH0_VERIFY_RECOVERY_CODE)`
  }
  if (state === 'unknown') {
    return 'RECOVERY CODE UNKNOWN: a redemption got no answer; generate a new recovery code for the user in the Auth0 dashboard'
  }
  return 'RECOVERY CODE UNCHANGED: the code you passed still works'
}
