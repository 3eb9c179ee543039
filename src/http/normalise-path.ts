/** A request target split into its normalised path and its query (with the `?`, or empty). */
export interface NormalisedTarget {
  path: string
  query: string
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/

// `/`, or slash-led segments with no escape or backslash that are neither empty, `.` nor `..`,
// with an optional trailing slash: the normal form already.
const ALREADY_NORMAL = /^(?:\/|(?:\/(?!\.\.?(?:\/|$))[^/\\%]+)+\/?)$/

/**
 * Decodes `%XX` escapes of unreserved characters (RFC 3986 §6.2.2.2); other escapes stay, their
 * hex digits in upper case (§6.2.2.1), so `%7c` and `%7C` are one path.
 */
function decodeUnreserved(segment: string): string {
  return segment.replace(/%([0-9A-Fa-f]{2})/g, (_escaped, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16))
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`
  })
}

/**
 * The one path normalisation the server routes and gates on: `\` read as `/` and the fragment
 * dropped (as the URL parser msw uses does), escaped unreserved characters decoded (so `%2e%2e`
 * is `..`) and other escapes upper-cased, empty segments from repeated slashes removed, then dot
 * segments resolved. Letter case is kept: `/__EMULATOR` and `/__emulator` are different paths.
 * The result is a fixed point of the WHATWG URL parser, so what the gate sees is what msw
 * matches. Returns undefined for targets that are not origin-form (`*`, `http://host/path`).
 * @example
 * normaliseTarget('/x/%2e%2e//__emulator/users?a=1')
 * // { path: '/__emulator/users', query: '?a=1' }
 */
export function normaliseTarget(target: string): NormalisedTarget | undefined {
  const end = target.search(/[?#]/)
  const rawPath = end === -1 ? target : target.slice(0, end)
  const rest = end === -1 ? '' : target.slice(end)
  const query = rest.startsWith('?') ? (rest.split('#')[0] ?? '') : ''
  // Most targets are already normal: nothing to decode, no empty or dot segments.
  if (ALREADY_NORMAL.test(rawPath)) return { path: rawPath, query }
  const slashed = rawPath.replace(/\\/g, '/')
  if (!slashed.startsWith('/')) return undefined
  const segments = slashed.split('/').slice(1).map(decodeUnreserved)
  const out: string[] = []
  // A trailing `.`, `..` or empty segment keeps a trailing slash, as RFC 3986 §5.2.4 does.
  let trailingSlash = false
  for (const segment of segments) {
    trailingSlash = segment === '' || segment === '.' || segment === '..'
    if (segment === '..') out.pop()
    else if (segment !== '' && segment !== '.') out.push(segment)
  }
  const path = `/${out.join('/')}${trailingSlash && out.length ? '/' : ''}`
  return { path, query }
}
