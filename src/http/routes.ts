/** How handlers name the URLs they answer, for a tenant bound to `domain` (or `*` for any). */
export interface Routes {
  /** An exact path, as an msw path string. */
  path(path: string): string
  /**
   * A path pattern (regular-expression source, no capture groups), for paths with variable parts.
   * msw decodes the captures of string paths and throws on malformed escapes such as `%E0%A4%A`;
   * a pattern without captures is matched as is, and the handler decodes what it needs safely.
   */
  pattern(source: string): RegExp
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The routes of a tenant bound to `domain`. */
export function createRoutes(domain: string): Routes {
  const origin = domain === '*' ? 'https?://[^/]+' : escapeRegExp(`https://${domain}`)
  return {
    path: (path) => (domain === '*' ? `*${path}` : `https://${domain}${path}`),
    pattern: (source) => new RegExp(`^${origin}${source}$`),
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
