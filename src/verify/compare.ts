import type { Answer } from './wire.js'

/** One way the emulator's answer differs from the tenant's. */
export interface Difference {
  /** What differs, e.g. `status`, `error_description`, `key order`, `Content-Type`. */
  what: string
  tenant: string
  emulator: string
}

/** What to compare beyond status, headers, `error`, `error_description` and key order. */
export interface CompareRules {
  /** `/oauth/token` answers: compare `Cache-Control`, `Pragma` and the absence of `WWW-Authenticate`. */
  tokenEndpoint: boolean
  /** Keys whose values (not just types) must agree, e.g. `expires_in`, `token_type`. */
  valueKeys?: readonly string[]
  /** For array bodies: the one element to compare (others depend on the fixture). */
  pick?: (element: unknown) => boolean
}

const ALWAYS_VALUES = ['error', 'error_description']
const NONE = '(none)'

/** The JSON type of a value: `string`, `number`, `boolean`, `null`, `array` or `object`. */
export function typeOf(value: unknown): string {
  if (value === null) return 'null'
  return Array.isArray(value) ? 'array' : typeof value
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeOf(value) === 'object'
}

function header(answer: Answer, name: string): string {
  return answer.headers[name] ?? NONE
}

function compareHeaders(t: Answer, e: Answer, rules: CompareRules, out: Difference[]) {
  const names = ['content-type', ...(rules.tokenEndpoint ? ['cache-control', 'pragma'] : [])]
  for (const name of names) {
    const [tv, ev] = [header(t, name), header(e, name)]
    const same = name === 'content-type' ? tv === ev : tv.toLowerCase() === ev.toLowerCase()
    if (!same) out.push({ what: headerName(name), tenant: tv, emulator: ev })
  }
  if (rules.tokenEndpoint) {
    const [tw, ew] = [header(t, 'www-authenticate'), header(e, 'www-authenticate')]
    if ((tw === NONE) !== (ew === NONE)) {
      out.push({ what: 'WWW-Authenticate', tenant: tw, emulator: ew })
    }
  }
}

function headerName(name: string): string {
  return name.replace(/(^|-)\w/g, (s) => s.toUpperCase())
}

function compareObjects(
  t: Record<string, unknown>,
  e: Record<string, unknown>,
  valueKeys: readonly string[],
  prefix: string,
  out: Difference[],
) {
  const [tk, ek] = [Object.keys(t), Object.keys(e)]
  const sameSet = tk.length === ek.length && tk.every((k) => k in e)
  if (!sameSet) {
    out.push({ what: `${prefix}keys`, tenant: tk.join(', '), emulator: ek.join(', ') })
  } else if (tk.join() !== ek.join()) {
    out.push({ what: `${prefix}key order`, tenant: tk.join(', '), emulator: ek.join(', ') })
  }
  for (const key of tk.filter((k) => k in e)) {
    const [tv, ev] = [t[key], e[key]]
    if (valueKeys.includes(key)) {
      if (JSON.stringify(tv) !== JSON.stringify(ev)) {
        out.push({
          what: `${prefix}${key}`,
          tenant: JSON.stringify(tv),
          emulator: JSON.stringify(ev),
        })
      }
    } else if (typeOf(tv) !== typeOf(ev)) {
      out.push({ what: `type of ${prefix}${key}`, tenant: typeOf(tv), emulator: typeOf(ev) })
    }
  }
}

function compareBodies(t: Answer, e: Answer, rules: CompareRules, out: Difference[]) {
  const values = [...ALWAYS_VALUES, ...(rules.valueKeys ?? [])]
  if (isObject(t.json) && isObject(e.json)) {
    compareObjects(t.json, e.json, values, '', out)
    return
  }
  if (Array.isArray(t.json) && Array.isArray(e.json) && rules.pick) {
    const [te, ee] = [t.json.find(rules.pick), e.json.find(rules.pick)]
    if (isObject(te) && isObject(ee)) compareObjects(te, ee, values, 'element ', out)
    else if (te !== undefined || ee !== undefined) {
      const show = (x: unknown) => (x === undefined ? 'absent' : 'present')
      out.push({ what: 'compared element', tenant: show(te), emulator: show(ee) })
    }
    return
  }
  const [tt, et] = [typeOf(t.json ?? t.text), typeOf(e.json ?? e.text)]
  if (tt !== et) out.push({ what: 'body', tenant: `${tt} body`, emulator: `${et} body` })
  else if (t.json === undefined && t.text !== e.text) {
    out.push({ what: 'body', tenant: t.text.slice(0, 80), emulator: e.text.slice(0, 80) })
  }
}

/**
 * Compares two answers to the same request: status, the headers that matter, `error`,
 * `error_description`, key order, and the shape (keys and types) of everything else.
 */
export function compareAnswers(
  tenant: Answer,
  emulator: Answer,
  rules: CompareRules,
): Difference[] {
  const out: Difference[] = []
  if (tenant.status !== emulator.status) {
    out.push({ what: 'status', tenant: String(tenant.status), emulator: String(emulator.status) })
  }
  compareHeaders(tenant, emulator, rules, out)
  compareBodies(tenant, emulator, rules, out)
  return out
}
