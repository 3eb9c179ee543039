import { OAuthError } from '../contract/oauth-error.js'
import { readBody } from './read-body.js'

/** Request parameters after parsing: every value a string. */
export type Params = Readonly<Record<string, string>>

function invalid(detail: string): OAuthError {
  return new OAuthError('invalid_body', { detail })
}

// A `%` not followed by two hex digits: told apart from bad UTF-8 only to word the error.
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/

function decodeComponent(raw: string): string {
  // Most names and many values have nothing to decode.
  if (!raw.includes('%') && !raw.includes('+')) return raw
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    throw invalid(
      BAD_ESCAPE.test(raw)
        ? 'Request body has a malformed percent-encoding'
        : 'Request body has a percent-encoding that is not valid UTF-8',
    )
  }
}

/**
 * Decodes `application/x-www-form-urlencoded` strictly in one pass: where URLSearchParams keeps
 * broken escapes as they are, they are refused here, as are repeated parameters.
 */
function parseForm(text: string): Params {
  const out: Record<string, string> = {}
  for (const part of text.split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq))
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1))
    if (Object.hasOwn(out, name)) throw invalid(`Parameter ${name} must not be repeated`)
    out[name] = value
  }
  return out
}

/** JSON nesting no Auth0 request comes near; deeper values overflow `JSON.stringify`'s stack. */
export const MAX_JSON_DEPTH = 32

/** Whether brackets and braces (outside strings) nest deeper than `max` anywhere in `text`. */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '[' || c === '{') {
      depth++
      if (depth > max) return true
    } else if (c === ']' || c === '}') depth--
  }
  return false
}

/**
 * The one reader of JSON request bodies: the parsed value, or undefined when there is none (only
 * whitespace) and none is `required`; broken JSON is refused with `fail(detail)`, as is a body
 * that is not valid UTF-8.
 */
export async function readJson(
  request: Request,
  maxBytes: number,
  fail: (detail: string) => Error,
  required = false,
): Promise<unknown> {
  const text = await readBody(request, maxBytes, fail)
  if (!required && !text.trim()) return undefined
  return parseJson(text, fail)
}

/** Refuses anything but a JSON object (arrays and primitives included) with `fail(detail)`. */
export function asObject(value: unknown, fail: (detail: string) => Error): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fail('Request body must be a JSON object')
  }
  return value as Record<string, unknown>
}

/** Parses JSON, refusing broken JSON and values nested deeper than `MAX_JSON_DEPTH`. */
function parseJson(text: string, fail: (detail: string) => Error): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw fail(`Request body is nested deeper than ${MAX_JSON_DEPTH} levels`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw fail('Request body is not valid JSON')
  }
}

function parseJsonParams(text: string): Params {
  const value = asObject(parseJson(text, invalid), invalid)
  const out: Record<string, string> = {}
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new OAuthError('parameter_not_string', { name })
    out[name] = v
  }
  return out
}

/**
 * Reads the parameters of a token request from a form or JSON body, as Auth0 accepts both.
 * Bodies of another type, broken JSON and repeated form fields are refused as `invalid_request`.
 */
export async function readParams(request: Request, maxBytes: number): Promise<Params> {
  const text = await readBody(request, maxBytes, invalid)
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
  if (type === 'application/json' || type?.endsWith('+json')) return parseJsonParams(text)
  if (type === 'application/x-www-form-urlencoded') return parseForm(text)
  if (!type && text.trim() === '') return {}
  throw invalid(
    `Unsupported Content-Type '${type || '(none)'}'; send application/x-www-form-urlencoded or application/json`,
  )
}

/** The named parameter, or a `Missing required parameter` error when it is absent or empty. */
export function requireParam(params: Params, name: string): string {
  const value = params[name]
  if (value === undefined || value === '') throw new OAuthError('missing_parameter', { name })
  return value
}
