import { bodyTooLarge } from '../support/emulator-error.js'

// Decoding without `stream` keeps no state between calls, so one decoder serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The body limit when none is configured: 100 kB, far above any Auth0 request. */
export const DEFAULT_MAX_BODY_BYTES = 100 * 1024

/**
 * Reads a request body as UTF-8 text, refusing it (`413`) as soon as it passes `limit` bytes and
 * with `fail` when it is not valid UTF-8 or its stream fails, so no input is read whole before
 * it is judged.
 */
export async function readBody(
  request: Request,
  limit: number,
  fail: (detail: string) => Error,
): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > limit) throw bodyTooLarge(limit)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client's stream failed (aborted upload, broken chunking): the request is at fault.
      throw fail('Request body could not be read')
    })
    if (done) break
    total += value.byteLength
    if (total > limit) {
      // Not awaited: msw tees request bodies, and a tee's cancel waits for every branch.
      reader.cancel().catch(() => {})
      throw bodyTooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return utf8.decode(bytes)
  } catch {
    throw fail('Request body is not valid UTF-8')
  }
}
