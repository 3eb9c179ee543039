import { OAuthError } from '../contract/oauth-error.js'
import { isScenarioName, type ScenarioName, unknownScenarioMessage } from '../scenarios/names.js'

/** Options of a runtime toggle. */
export interface ScenarioOptions {
  /** Switch off again after the scenario has taken effect this many times. */
  times?: number
  /** For `slow`: the delay in milliseconds (2000 by default). */
  delayMs?: number
}

/** The scenarios in force for one request, after applying the precedence rules. */
export interface RequestScenarios {
  /** Whether `name` is in force. */
  has(name: ScenarioName): boolean
  /** Whether `name` is in force; counts one use of a `times`-limited toggle when it is. */
  take(name: ScenarioName): boolean
  /** The names in force. */
  names(): ScenarioName[]
  /** The names that changed this request's answer, for the journal and logs. */
  applied(): ScenarioName[]
  /** The `slow` delay to apply. */
  readonly delayMs: number
}

/** The runtime toggles of one emulator (`emulator.scenarios`). */
export interface ScenarioControls {
  /** Turns a scenario on until it is disabled or the emulator is reset. */
  enable(name: ScenarioName, options?: ScenarioOptions): void
  /** Turns a scenario off, including one the fixture switched on. */
  disable(name: ScenarioName): void
  /** Replaces the active set. */
  set(names: readonly ScenarioName[]): void
  /** The active scenario names. */
  list(): ScenarioName[]
  /** Whether a scenario is active (ignoring per-request headers). */
  isEnabled(name: ScenarioName): boolean
  /** Back to the start-up set (fixture and CLI). */
  reset(): void
  /** Resolves the scenarios for one request given its `Auth0-Emulator-Scenario` header. */
  forRequest(header: string | null): RequestScenarios
}

const DEFAULT_DELAY_MS = 2000

function assertName(name: string): asserts name is ScenarioName {
  if (!isScenarioName(name)) throw new TypeError(unknownScenarioMessage(name))
}

/** Parses an `Auth0-Emulator-Scenario` header value (`a, b`) into scenario names. */
export function parseScenarioHeader(header: string | null): ScenarioName[] {
  if (!header) return []
  const names = header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const name of names) {
    if (!isScenarioName(name)) {
      throw new OAuthError('unknown_scenario', {
        detail: `${unknownScenarioMessage(name)} (from the Auth0-Emulator-Scenario header)`,
      })
    }
  }
  return names as ScenarioName[]
}

/** Scenario toggles starting from `initial`, the fixture's and the CLI's defaults. */
export function createScenarioControls(initial: readonly ScenarioName[]): ScenarioControls {
  for (const name of initial) assertName(name)
  const active = new Map<ScenarioName, ScenarioOptions>()
  const reset = () => {
    active.clear()
    for (const name of initial) active.set(name, {})
  }
  reset()
  return {
    enable(name, options = {}) {
      assertName(name)
      if (options.times !== undefined && !(Number.isInteger(options.times) && options.times > 0)) {
        throw new TypeError(`scenarios.enable('${name}', { times }) takes a positive integer`)
      }
      active.set(name, { ...options })
    },
    disable(name) {
      assertName(name)
      active.delete(name)
    },
    set(names) {
      for (const name of names) assertName(name)
      active.clear()
      for (const name of names) active.set(name, {})
    },
    list: () => [...active.keys()],
    isEnabled: (name) => active.has(name),
    reset,
    forRequest(header) {
      const fromHeader = new Set(parseScenarioHeader(header))
      const has = (name: ScenarioName) => fromHeader.has(name) || active.has(name)
      const applied: ScenarioName[] = []
      return {
        has,
        take(name) {
          if (fromHeader.has(name)) {
            applied.push(name)
            return true
          }
          const options = active.get(name)
          if (!options) return false
          applied.push(name)
          if (options.times !== undefined) {
            options.times -= 1
            if (options.times <= 0) active.delete(name)
          }
          return true
        },
        names: () => [...new Set([...fromHeader, ...active.keys()])],
        applied: () => [...new Set(applied)],
        delayMs: active.get('slow')?.delayMs ?? DEFAULT_DELAY_MS,
      }
    },
  }
}
