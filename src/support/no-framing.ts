/** The CSP directive that forbids every page to frame a response (clickjacking). */
export const FRAME_ANCESTORS_NONE = "frame-ancestors 'none'"

/** The same for browsers that predate CSP's `frame-ancestors`, as `X-Frame-Options`. */
export const X_FRAME_OPTIONS = 'DENY'

/** Headers that forbid framing, for responses with no CSP of their own. */
export const NO_FRAMING_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': FRAME_ANCESTORS_NONE,
  'X-Frame-Options': X_FRAME_OPTIONS,
}
