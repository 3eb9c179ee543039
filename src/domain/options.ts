import { clockTimeProblem } from './clock.js'
import { LIMITS } from './limits.js'

/** How one option is checked: a whole number in a range, or one of a few values. */
export type OptionRule =
  | { readonly integer: readonly [min: number, max: number] }
  | { readonly oneOf: readonly string[] }
  | { readonly type: 'string' | 'boolean' | 'function' | 'object' }
  | { readonly time: true }

// 1e7 entries of any store is already gigabytes: larger values are typos, not intentions.
const COUNT: OptionRule = { integer: [1, 10_000_000] }

/** The `createEmulator` options that take values a typo can break, and what each accepts. */
export const EMULATOR_OPTION_RULES: Readonly<Record<string, OptionRule>> = {
  ...Object.fromEntries(Object.keys(LIMITS).map((name) => [name, COUNT])),
  fixtureSource: { type: 'string' },
  domain: { type: 'string' },
  issuer: { type: 'string' },
  now: { time: true },
  clock: { oneOf: ['emulator', 'system'] },
  journalSize: { integer: [0, 100_000] },
  maxBodyBytes: { integer: [1, 1024 ** 3] },
}

function problem(name: string, value: unknown, rule: OptionRule): Error | undefined {
  const shown = typeof value === 'string' ? `'${value}'` : String(value)
  if ('integer' in rule) {
    const [min, max] = rule.integer
    if (typeof value !== 'number') return new TypeError(`${name} must be a number, got ${shown}`)
    if (Number.isInteger(value) && value >= min && value <= max) return undefined
    return new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${shown}`)
  }
  if ('oneOf' in rule) {
    if (rule.oneOf.includes(value as string)) return undefined
    return new TypeError(
      `${name} must be ${rule.oneOf.map((v) => `'${v}'`).join(' or ')}, got ${shown}`,
    )
  }
  if ('type' in rule) {
    return typeof value === rule.type && value !== null
      ? undefined
      : new TypeError(`${name} must be a ${rule.type}, got ${shown}`)
  }
  if (typeof value !== 'number' && !(value instanceof Date)) {
    return new TypeError(`${name} must be a number of milliseconds or a Date, got ${shown}`)
  }
  const why = clockTimeProblem(Number(value), Date.now(), name)
  return why === undefined ? undefined : new RangeError(why)
}

/**
 * Refuses options a typo or a computation gone wrong would otherwise turn into a broken emulator
 * (NaN limits that switch checks off, a journal that throws on every request, tokens dated NaN):
 * a `TypeError` or `RangeError` naming the option and what it accepts. Undefined means default.
 */
export function checkOptions(
  options: object,
  rules: Readonly<Record<string, OptionRule>> = EMULATOR_OPTION_RULES,
): void {
  for (const [name, rule] of Object.entries(rules)) {
    const value = (options as Record<string, unknown>)[name]
    if (value === undefined) continue
    const error = problem(name, value, rule)
    if (error) throw error
  }
}
