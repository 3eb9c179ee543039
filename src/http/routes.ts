/**
 * How a tenant bound to `domain` (or `*` for any) matches the URLs its routes answer: each
 * matcher is tested against a request's origin and path (no query), as msw tests a handler's.
 */
export interface Routes {
  /**
   * An exact path. Control paths (under `/__emulator`) match exactly, in this case only; other
   * paths as msw matches a path string that starts with a star: after any prefix, in any case,
   * with an optional trailing `/`.
   */
  path(path: string): RegExp
  /** A path pattern (regular-expression source, no capture groups), matched exactly. */
  pattern(source: string): RegExp
}

/** Where the control API lives; it is matched exactly, in this case only. */
export const CONTROL_ROOT = '/__emulator'

/** Whether a normalised path belongs to the control API (`/__emulator` or below it). */
export function isControlPath(path: string): boolean {
  return path === CONTROL_ROOT || path.startsWith(`${CONTROL_ROOT}/`)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Matchers already compiled, by domain and path: every emulator of a domain shares them. */
const compiled = new Map<string, RegExp>()

const once = (key: string, make: () => RegExp) => {
  let matcher = compiled.get(key)
  if (!matcher) {
    matcher = make()
    compiled.set(key, matcher)
  }
  return matcher
}

/** The routes of a tenant bound to `domain`. */
export function createRoutes(domain: string): Routes {
  const origin = domain === '*' ? 'https?://[^/]+' : escapeRegExp(`https://${domain}`)
  const pattern = (source: string) =>
    once(`${domain} pattern ${source}`, () => new RegExp(`^${origin}${source}$`))
  return {
    // msw's path strings match `/x/__emulator/users` and `/__EMULATOR/users` too: an access check
    // on the control API is only sound if the router matches exactly the paths the check guards.
    path: (path) => {
      if (isControlPath(path)) return pattern(escapeRegExp(path))
      const prefix = domain === '*' ? '.*' : origin
      return once(
        `${domain} path ${path}`,
        () => new RegExp(`^${prefix}${escapeRegExp(path)}[/#?]?$`, 'i'),
      )
    },
    pattern,
  }
}

/** The `index`-th path segment of a request, percent-decoded, or undefined if it is malformed. */
export function pathSegment(request: Request, index: number): string | undefined {
  const segment = new URL(request.url).pathname.split('/')[index]
  if (segment === undefined) return undefined
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}
