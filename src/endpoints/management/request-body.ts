import { ManagementError } from '../../contract/management-error.js'

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
