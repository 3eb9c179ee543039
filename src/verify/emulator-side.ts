import { getResponse } from 'msw'
import type { Emulator } from '../emulator.js'
import { type Answer, encodeRequest, parseJson, type WireRequest } from './wire.js'

/**
 * Sends requests to an in-process emulator through msw's `getResponse`, without patching the
 * process's `fetch` (the same run also talks to the real tenant).
 */
export function emulatorTransport(
  emulator: Emulator,
  domain: string,
): (request: WireRequest) => Promise<Answer> {
  return async (wire) => {
    const { headers, body } = encodeRequest(wire)
    const sentAt = Date.now()
    const request = new Request(`https://${domain}${wire.path}`, {
      method: wire.method,
      headers,
      ...(body === undefined ? {} : { body }),
    })
    const response = await getResponse(emulator.handlers, request)
    const out: Record<string, string> = {}
    response?.headers.forEach((value, name) => {
      out[name] = value
    })
    const text = response ? await response.text() : ''
    return {
      status: response?.status ?? 404,
      headers: out,
      text,
      json: parseJson(text),
      sentAt,
      receivedAt: Date.now(),
    }
  }
}
