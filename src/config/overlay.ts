import { FixtureError, formatPath, parseFixture } from './parse.js'
import type { FixtureInput } from './schema.js'

/** Tenant settings (error answers, lifetimes, reuse rules) layered over a base fixture. */
export interface FixtureOverlay {
  $schema?: string
  tenant?: NonNullable<FixtureInput['tenant']>
}

type Json = Record<string, unknown>

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Merges `top` into `bottom`: objects merge key by key, anything else in `top` replaces. */
function deepMerge(bottom: unknown, top: unknown): unknown {
  if (!isPlainObject(bottom) || !isPlainObject(top)) return structuredClone(top)
  const out: Json = { ...bottom }
  for (const [key, value] of Object.entries(top)) {
    if (value === undefined) continue
    out[key] = key in bottom ? deepMerge(bottom[key], value) : structuredClone(value)
  }
  return out
}

/**
 * Returns `base` with the overlay's `tenant` settings deep-merged in: objects such as `errors`
 * merge key by key, other values (numbers, strings, `false`) replace. Neither input changes.
 * @example
 * createEmulator({ fixtures: applyOverlay(base, overlay) })
 */
export function applyOverlay(base: FixtureInput, overlay: FixtureOverlay): FixtureInput {
  if (!overlay.tenant) return structuredClone(base)
  const tenant = deepMerge(base.tenant ?? {}, overlay.tenant) as FixtureOverlay['tenant']
  return { ...structuredClone(base), ...(tenant ? { tenant } : {}) }
}

/** Combines two overlays into one, the second winning where both set a value. */
export function mergeOverlays(first: FixtureOverlay, second: FixtureOverlay): FixtureOverlay {
  const tenant = deepMerge(first.tenant ?? {}, second.tenant ?? {}) as FixtureOverlay['tenant']
  const schema = second.$schema ?? first.$schema
  return { ...(schema ? { $schema: schema } : {}), ...(tenant ? { tenant } : {}) }
}

/**
 * Checks that a parsed JSON value is an overlay: an object with at most `$schema` and a `tenant`
 * whose settings the fixture schema accepts.
 * @throws FixtureError naming the source, the JSON path and the problem.
 */
export function parseOverlay(input: unknown, source = 'overlay'): FixtureOverlay {
  if (!isPlainObject(input)) {
    throw new FixtureError(source, [{ path: '(root)', message: 'an overlay is a JSON object' }])
  }
  const extra = Object.keys(input).filter((key) => key !== 'tenant' && key !== '$schema')
  if (extra.length) {
    throw new FixtureError(source, [
      {
        path: formatPath([extra[0] as string]),
        message:
          'an overlay holds only tenant settings ({"tenant": {...}}); put clients and users in the base fixture',
      },
    ])
  }
  if (input.tenant !== undefined && !isPlainObject(input.tenant)) {
    throw new FixtureError(source, [{ path: 'tenant', message: 'must be an object' }])
  }
  // The tenant settings alone must pass the schema (every tenant field has a default).
  parseFixture({ tenant: input.tenant ?? {} }, source)
  return input as FixtureOverlay
}
