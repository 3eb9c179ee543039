import { connect, type Socket } from 'node:net'

/** One parsed HTTP/1.1 response. */
export interface RawResponse {
  status: number
  /** Header names in lower case. */
  headers: Record<string, string>
  body: string
}

/** Decodes a chunked body at the start of `text`: the body and the bytes after it, if complete. */
function dechunk(text: string): { body: string; rest: string } | undefined {
  let body = ''
  let at = 0
  for (;;) {
    const lineEnd = text.indexOf('\r\n', at)
    if (lineEnd === -1) return undefined
    const size = Number.parseInt(text.slice(at, lineEnd), 16)
    if (Number.isNaN(size)) return undefined
    at = lineEnd + 2
    if (size === 0) {
      const end = text.indexOf('\r\n', at)
      return end === -1 ? undefined : { body, rest: text.slice(end + 2) }
    }
    if (text.length < at + size + 2) return undefined
    body += text.slice(at, at + size)
    at += size + 2
  }
}

/** Splits the bytes a server sent into responses (length, chunked, or up to the end). */
export function parseResponses(text: string, head = false): RawResponse[] {
  const responses: RawResponse[] = []
  let rest = text
  while (rest.startsWith('HTTP/')) {
    const headEnd = rest.indexOf('\r\n\r\n')
    if (headEnd === -1) break
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n')
    const headers: Record<string, string> = {}
    for (const line of lines) {
      const colon = line.indexOf(':')
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    const status = Number(statusLine.split(' ')[1])
    const after = rest.slice(headEnd + 4)
    const length = headers['content-length']
    if (status === 100 || head) {
      if (head) responses.push({ status, headers, body: '' })
      rest = after
      continue
    }
    if (headers['transfer-encoding'] === 'chunked') {
      const chunked = dechunk(after)
      if (!chunked) break
      responses.push({ status, headers, body: chunked.body })
      rest = chunked.rest
      continue
    }
    const size = length === undefined ? after.length : Number(length)
    responses.push({ status, headers, body: after.slice(0, size) })
    rest = after.slice(size)
  }
  return responses
}

/** A raw connection to a test server: write exact bytes, read what comes back. */
export interface RawConnection {
  socket: Socket
  /** Everything received so far. */
  received(): string
  /** Resolves when the server closes the connection (or `ms` pass), with everything received. */
  closed(ms?: number): Promise<string>
  /** Resolves once `count` complete responses arrived (bodiless, as to HEAD, when `head`). */
  responses(count: number, ms?: number, head?: boolean): Promise<RawResponse[]>
}

/**
 * Opens a TCP connection to `port` on 127.0.0.1. With `keepSending`, the connection stays open for
 * writing after the server ends its side, as an uploading client's would.
 */
export async function rawConnect(port: number, keepSending = false): Promise<RawConnection> {
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: keepSending })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  let text = ''
  let ended = false
  const waiters: (() => void)[] = []
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter()
  }
  socket.setEncoding('latin1')
  socket.on('data', (chunk: string) => {
    text += chunk
    wake()
  })
  // The server may reset a connection it refused; what arrived before still counts.
  socket.on('error', () => {})
  // The server ending its side is the end of what it will send, even if this side stays open.
  for (const event of ['end', 'close']) {
    socket.on(event, () => {
      ended = true
      wake()
    })
  }
  const until = (done: () => boolean, ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      const check = () => {
        if (done() || ended) {
          clearTimeout(timer)
          resolve()
        } else waiters.push(check)
      }
      check()
    })
  return {
    socket,
    received: () => text,
    async closed(ms = 10_000) {
      await until(() => ended, ms)
      return text
    },
    async responses(count, ms = 10_000, head = false) {
      await until(() => parseResponses(text, head).length >= count, ms)
      return parseResponses(text, head)
    },
  }
}

/** Sends `request` (exact bytes) on a new connection and returns the first response. */
export async function rawRequest(port: number, request: string): Promise<RawResponse> {
  const connection = await rawConnect(port)
  connection.socket.write(request)
  const [response] = await connection.responses(1, 10_000, request.startsWith('HEAD '))
  connection.socket.destroy()
  if (!response) throw new Error(`no response to ${JSON.stringify(request.slice(0, 80))}`)
  return response
}

/** A request line and headers (Host and `Connection: close` unless given), then `body`. */
export function httpText(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body = '',
): string {
  const all: Record<string, string> = { host: 'localhost', connection: 'close', ...headers }
  if (body && all['content-length'] === undefined && all['transfer-encoding'] === undefined) {
    all['content-length'] = String(Buffer.byteLength(body))
  }
  const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}\r\n`)
  return `${method} ${target} HTTP/1.1\r\n${lines.join('')}\r\n${body}`
}
