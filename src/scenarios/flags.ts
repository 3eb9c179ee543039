import { EmulatorError } from '../support/emulator-error.js'
import { isScenarioName, type ScenarioName, unknownScenarioMessage } from './names.js'

/** The request header that switches scenarios on for that one request. */
export const SCENARIO_HEADER = 'auth0-emulator-scenario'

/**
 * The scenarios in force for one request, resolved once when it arrives (header, then runtime
 * toggles, then fixture defaults) and never changed while it is answered.
 */
export interface RequestScenarios {
  /** Whether `name` is in force for this request; asking has no side effect. */
  has(name: ScenarioName): boolean
  /** `has(name)`, noting that the scenario changed this answer (journal, logs, `times` counts). */
  apply(name: ScenarioName): boolean
  /** The names in force. */
  readonly names: readonly ScenarioName[]
  /** The names that came from the request's own header (they never count against `times`). */
  readonly fromHeader: ReadonlySet<ScenarioName>
  /** The names that changed this request's answer so far. */
  applied(): ScenarioName[]
  /** The `slow` delay to apply, in milliseconds. */
  readonly delayMs: number
}

/** Parses an `Auth0-Emulator-Scenario` header value (`a, b`) into scenario names. */
function parseScenarioHeader(header: string | null): ScenarioName[] {
  if (!header) return []
  const names = header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const name of names) {
    if (!isScenarioName(name)) {
      throw new EmulatorError(
        400,
        'invalid_request',
        `${unknownScenarioMessage(name)} (from the Auth0-Emulator-Scenario header)`,
      )
    }
  }
  return names as ScenarioName[]
}

/** The scenarios of one request: the header's names plus the active toggles. */
export function resolveScenarios(
  header: string | null,
  active: Iterable<ScenarioName>,
  delayMs: number,
): RequestScenarios {
  const fromHeader: ReadonlySet<ScenarioName> = new Set(parseScenarioHeader(header))
  const inForce: ReadonlySet<ScenarioName> = new Set([...fromHeader, ...active])
  const applied = new Set<ScenarioName>()
  return Object.freeze({
    has: (name: ScenarioName) => inForce.has(name),
    apply(name: ScenarioName) {
      if (!inForce.has(name)) return false
      applied.add(name)
      return true
    },
    names: Object.freeze([...inForce]),
    fromHeader,
    applied: () => [...applied],
    delayMs,
  })
}
