import { type RequestScenarios, resolveScenarios } from '../scenarios/flags.js'
import { isScenarioName, type ScenarioName, unknownScenarioMessage } from '../scenarios/names.js'

/** Options of a runtime toggle. */
export interface ScenarioOptions {
  /** Switch off again after the scenario has changed this many answers. */
  times?: number
  /** For `slow`: the delay in milliseconds (2000 by default). */
  delayMs?: number
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
  /** Resolves the scenarios of one request given its `Auth0-Emulator-Scenario` header. */
  forRequest(header: string | null): RequestScenarios
  /** Counts one use of each `times`-limited toggle that changed a request's answer. */
  settle(request: RequestScenarios): void
}

const DEFAULT_DELAY_MS = 2000

function assertName(name: string): asserts name is ScenarioName {
  if (!isScenarioName(name)) throw new TypeError(unknownScenarioMessage(name))
}

/** Scenario toggles starting from `initial`, the fixture's and the CLI's defaults. */
export function createScenarioControls(
  initial: readonly ScenarioName[],
  onChange: () => void = () => {},
): ScenarioControls {
  for (const name of initial) assertName(name)
  const active = new Map<ScenarioName, ScenarioOptions>()
  const reset = () => {
    active.clear()
    for (const name of initial) active.set(name, {})
    onChange()
  }
  reset()
  return {
    enable(name, options = {}) {
      assertName(name)
      if (options.times !== undefined && !(Number.isInteger(options.times) && options.times > 0)) {
        throw new TypeError(`scenarios.enable('${name}', { times }) takes a positive integer`)
      }
      active.set(name, { ...options })
      onChange()
    },
    disable(name) {
      assertName(name)
      if (active.delete(name)) onChange()
    },
    set(names) {
      for (const name of names) assertName(name)
      active.clear()
      for (const name of names) active.set(name, {})
      onChange()
    },
    list: () => [...active.keys()],
    isEnabled: (name) => active.has(name),
    reset,
    forRequest: (header) =>
      resolveScenarios(header, active.keys(), active.get('slow')?.delayMs ?? DEFAULT_DELAY_MS),
    settle(request) {
      for (const name of request.applied()) {
        if (request.fromHeader.has(name)) continue
        const options = active.get(name)
        if (options?.times === undefined) continue
        options.times -= 1
        if (options.times <= 0) {
          active.delete(name)
          onChange()
        }
      }
    },
  }
}
