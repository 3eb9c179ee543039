/** How handlers name the URLs they answer, for a tenant bound to `domain` (or `*` for any). */
export interface Routes {
  /**
   * An exact path. Control paths (under `/__emulator`) become an anchored, case-sensitive
   * pattern; other paths an msw path string, which matches any prefix and any case.
   */
  path(path: string): string | RegExp
  /**
   * A path pattern (regular-expression source, no capture groups), for paths with variable parts.
   * msw decodes the captures of string paths and throws on malformed escapes such as `%E0%A4%A`;
   * a pattern without captures is matched as is, and the handler decodes what it needs safely.
   */
  pattern(source: string): RegExp
}

/** Where the control API lives; it is matched exactly, in this case only. */
export const CONTROL_ROOT = '/__emulator'

/** Whether a normalised path belongs to the control API (`/__emulator` or below it). */
export function isControlPath(path: string): boolean {
  return path === CONTROL_ROOT || path.startsWith(`${CONTROL_ROOT}/`)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The routes of a tenant bound to `domain`. */
export function createRoutes(domain: string): Routes {
  const origin = domain === '*' ? 'https?://[^/]+' : escapeRegExp(`https://${domain}`)
  const pattern = (source: string) => new RegExp(`^${origin}${source}$`)
  return {
    // msw's string paths match `/x/__emulator/users` and `/__EMULATOR/users` too: an access check
    // on the control API is only sound if the router matches exactly the paths the check guards.
    path: (path) => {
      if (isControlPath(path)) return pattern(escapeRegExp(path))
      return domain === '*' ? `*${path}` : `https://${domain}${path}`
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
