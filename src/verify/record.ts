import type { FixtureOverlay } from '../config/overlay.js'
import type { ErrorKey } from '../contract/error-catalogue.js'
import type { Finding } from './case.js'
import type { AnswerPair } from './context.js'

/** The differences an error-catalogue override covers. */
export const ERROR_FIELDS = ['status', 'error', 'error_description'] as const

interface ErrorBody {
  error: string
  error_description?: string
}

function errorBody(json: unknown): ErrorBody | undefined {
  const body = json as Partial<ErrorBody> | undefined
  return typeof body?.error === 'string' ? (body as ErrorBody) : undefined
}

/** Puts `{name}` back where a description repeats a request value, so the override stays general. */
export function templated(description: string, params: Readonly<Record<string, string>>): string {
  let out = description
  for (const [name, value] of Object.entries(params)) {
    if (value) out = out.split(value).join(`{${name}}`)
  }
  return out
}

/**
 * The `errors.<key>` override that makes the emulator's error answer like the tenant's, or
 * undefined when they already agree (or the tenant's answer is not an Auth0 error body).
 */
export function errorFinding(
  key: ErrorKey,
  pair: AnswerPair,
  params: Readonly<Record<string, string>> = {},
): Finding | undefined {
  const [t, e] = [errorBody(pair.tenant.json), errorBody(pair.emulator.json)]
  if (!t) return undefined
  const same =
    e !== undefined &&
    pair.tenant.status === pair.emulator.status &&
    t.error === e.error &&
    t.error_description === e.error_description
  if (same) return undefined
  return {
    path: ['errors', key],
    value: {
      status: pair.tenant.status,
      error: t.error,
      error_description: templated(t.error_description ?? '', params),
    },
  }
}

/** A finding that sets a different value on a path an earlier finding already set. */
export interface Conflict {
  path: string
  kept: unknown
  dropped: unknown
}

/** Builds the overlay the findings describe; the first finding on a path wins. */
export function findingsToOverlay(findings: readonly Finding[]): {
  overlay: FixtureOverlay
  conflicts: Conflict[]
} {
  const tenant: Record<string, unknown> = {}
  const conflicts: Conflict[] = []
  for (const { path, value } of findings) {
    let node = tenant
    for (const part of path.slice(0, -1)) {
      node[part] ??= {}
      node = node[part] as Record<string, unknown>
    }
    const last = path.at(-1) as string
    if (last in node) {
      if (JSON.stringify(node[last]) !== JSON.stringify(value)) {
        conflicts.push({ path: path.join('.'), kept: node[last], dropped: value })
      }
    } else {
      node[last] = value
    }
  }
  return { overlay: { tenant: tenant as FixtureOverlay['tenant'] & object }, conflicts }
}
