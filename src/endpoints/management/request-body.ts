import { ManagementError } from '../../contract/management-error.js'
import { OAuthError } from '../../contract/oauth-error.js'
import { readBody } from '../../http/read-body.js'

/**
 * Reads a Management API JSON body: nothing (or only whitespace) is no body, anything else must
 * parse as JSON (`400 Invalid request payload JSON format`, hapi's words). Oversized bodies keep
 * their `413`.
 */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  let text: string
  try {
    text = await readBody(request, limit)
  } catch (err) {
    throw err instanceof OAuthError ? new ManagementError('invalid_json') : err
  }
  if (!text.trim()) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new ManagementError('invalid_json')
  }
}

/** Refuses a body other than none or `{}`, as Auth0's payload validation words it. */
export function requireEmptyObject(body: unknown): void {
  if (body === undefined) return
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const type = body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body
    throw new ManagementError('invalid_body', {
      detail: `Expected type object but found type ${type}`,
    })
  }
  const extra = Object.keys(body)
  if (extra.length) {
    throw new ManagementError('invalid_body', {
      detail: `Additional properties not allowed: ${extra.join(',')}`,
    })
  }
}
