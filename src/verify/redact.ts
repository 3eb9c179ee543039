import { REDACTED, SECRET_NAMES as SECRET_KEYS } from '../contract/secrets.js'

export { REDACTED }

/** A copy of a JSON value with every secret member's value replaced by `[redacted]`. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key) ? REDACTED : redactJson(member)
  }
  return out
}

/** Every string a JSON value holds under a secret member, however deep. */
export function secretsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) secretsIn(item, found)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (SECRET_KEYS.has(key)) collectStrings(member, found)
      else secretsIn(member, found)
    }
  }
  return found
}

function collectStrings(value: unknown, found: string[]) {
  if (typeof value === 'string') found.push(value)
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, found)
}

/**
 * Remembers every secret a run handles (credentials, codes, tokens) and removes them from text,
 * a second line of defence behind `redactJson` for anything a tenant might echo.
 */
export class Scrubber {
  readonly #secrets = new Set<string>()

  /** Adds secrets; values shorter than four characters are ignored (they would mangle text). */
  add(...values: readonly (string | undefined)[]): void {
    for (const value of values) {
      if (!value || value.length < 4) continue
      this.#secrets.add(value)
      // The same secret as it appears inside JSON output.
      this.#secrets.add(JSON.stringify(value).slice(1, -1))
    }
  }

  /** The text with every known secret replaced, longest first. */
  scrub(text: string): string {
    let out = text
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED)
    }
    return out
  }
}
