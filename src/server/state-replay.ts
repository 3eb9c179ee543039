import { z } from 'zod'
import { formatPath } from '../config/parse.js'
import { type StateFile, tenantStateSchema } from '../domain/persisted.js'

const entry = z.strictObject({
  t: z.string(),
  u: tenantStateSchema.shape.users.optional(),
  s: tenantStateSchema.shape.scenarios.optional(),
})
const batch = z.array(entry).min(1)

/** One change of the log beside a state file: a tenant's changed users and scenarios. */
export type ChangeLogEntry = z.infer<typeof entry>

/**
 * What replaying a change log found: whether an unfinished last line was dropped, or the first
 * line (counted from 1) that cannot be applied and why.
 */
export type ReplayOutcome = { torn: boolean } | { line: number; problem: string }

/** Shows control characters (NUL bytes of a damaged file) as escapes, so a message stays one line. */
function printable(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.charCodeAt(0)
      return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c
    })
    .join('')
}

function parseLine(line: string): ChangeLogEntry[] | string {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch (err) {
    return `not valid JSON (${printable((err as Error).message)})`
  }
  const result = Array.isArray(json) ? batch.safeParse(json) : entry.safeParse(json)
  if (result.success) return Array.isArray(result.data) ? result.data : [result.data]
  const [issue] = result.error.issues
  return issue ? `${formatPath(issue.path)}: ${issue.message}` : 'not a change'
}

/**
 * Applies a change log to a snapshot, all or nothing. A line is one change, or a list of them
 * written together, and counts only once its newline is written: the answer waits for that
 * newline to be on disk, so text after the last newline was never acknowledged and is dropped.
 */
export function replayLog(state: StateFile, text: string): ReplayOutcome {
  const lines = text.split('\n')
  const tail = lines.pop() ?? ''
  const entries: ChangeLogEntry[] = []
  for (const [index, line] of lines.entries()) {
    if (!line) continue
    const parsed = parseLine(line)
    if (typeof parsed === 'string') return { line: index + 1, problem: parsed }
    entries.push(...parsed)
  }
  for (const change of entries) {
    const tenant = state.tenants[change.t] ?? { scenarios: [], users: {} }
    state.tenants[change.t] = tenant
    Object.assign(tenant.users, change.u ?? {})
    if (change.s) tenant.scenarios = change.s
  }
  return { torn: tail !== '' }
}
