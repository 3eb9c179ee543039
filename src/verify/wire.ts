/** One request `verify` sends, the same way to the tenant and to the emulator. */
export interface WireRequest {
  method: 'GET' | 'POST'
  /** The path under the tenant's origin, e.g. `/oauth/token`. */
  path: string
  /** Form fields, sent as `application/x-www-form-urlencoded`. */
  form?: Readonly<Record<string, string>>
  /** Sent as `Authorization: Bearer <token>`. */
  bearer?: string
}

/** An HTTP answer as `verify` compares it. */
export interface Answer {
  status: number
  /** Response headers, names in lower case. */
  headers: Readonly<Record<string, string>>
  /** The raw body text. */
  text: string
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown
  /** When the request was sent and the answer arrived (epoch ms, local clock). */
  sentAt: number
  receivedAt: number
}

/** The request's headers and body bytes. */
export function encodeRequest(request: WireRequest): {
  headers: Record<string, string>
  body: string | undefined
} {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (request.bearer !== undefined) headers.Authorization = `Bearer ${request.bearer}`
  if (!request.form) return { headers, body: undefined }
  headers['Content-Type'] = 'application/x-www-form-urlencoded'
  return { headers, body: new URLSearchParams(request.form).toString() }
}

/** Parses a body as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
