import type { ManagementErrorKey } from './management-error-catalogue.js'

/**
 * Thrown by a Management API step to answer with a catalogue error. Like `OAuthError` it carries
 * only the entry's name and parameters; the tenant's catalogue decides the wire body.
 */
export class ManagementError extends Error {
  override readonly name = 'ManagementError'

  constructor(
    readonly key: ManagementErrorKey,
    readonly params: Readonly<Record<string, string>> = {},
  ) {
    super(`${key}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`)
  }
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
}

/** The HTTP reason phrase the Management API puts in `error` (hapi's wording for 413). */
export function httpReason(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request')
}
