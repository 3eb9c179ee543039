import { REDACTED, SECRET_NAMES } from '../contract/secrets.js'

/** What a handler learns about a request while answering it. */
export interface RequestTrace {
  params?: Readonly<Record<string, string>>
  userId?: string
  clientId?: string
  grantType?: string
}

/** One answered request to an Auth0 endpoint, secrets redacted. */
export interface JournalEntry {
  id: number
  /** Wall-clock time the request arrived (not the emulator clock). */
  time: string
  method: string
  path: string
  origin?: string
  grant_type?: string
  client_id?: string
  user_id?: string
  scenarios: string[]
  /** 0 when the connection was failed on purpose (network-error). */
  status: number
  error?: string
  error_description?: string
  /** The catalogue entry that refused the request, e.g. `expired_mfa_token`. */
  reason?: string
  duration_ms: number
  params: Record<string, string>
}

/** Replaces secret values with `[redacted]`. */
export function redact(params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(params))
    out[name] = SECRET_NAMES.has(name) ? REDACTED : value
  return out
}

/** A bounded, newest-first record of requests with listeners for live logging. */
export interface Journal {
  add(entry: Omit<JournalEntry, 'id'>, requestId: string | null): JournalEntry
  list(): JournalEntry[]
  clear(): void
  subscribe(listener: (entry: JournalEntry, requestId: string | null) => void): () => void
}

/** A ring buffer of the last `size` requests: adding one costs the same however many are kept. */
export function createJournal(size: number): Journal {
  let ring: JournalEntry[] = []
  // Where the next entry goes once the ring is full (the oldest entry's slot).
  let oldest = 0
  let nextId = 1
  const listeners = new Set<(entry: JournalEntry, requestId: string | null) => void>()
  return {
    add(partial, requestId) {
      const entry = { id: nextId++, ...partial }
      if (ring.length < size) ring.push(entry)
      else if (size > 0) {
        ring[oldest] = entry
        oldest = (oldest + 1) % size
      }
      for (const listener of listeners) listener(entry, requestId)
      return entry
    },
    list: () => [...ring.slice(oldest), ...ring.slice(0, oldest)].reverse(),
    clear() {
      ring = []
      oldest = 0
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
