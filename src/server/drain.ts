import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http'

/** How long `close()` lets in-flight requests run before cutting their connections. */
export const DEFAULT_DRAIN_MS = 10_000

/** A server's graceful shutdown: wraps its request listener, then closes it. */
export interface Drain {
  /** The request listener to give the server: `app`, with every answer marked during shutdown. */
  listener: RequestListener
  /** Number of requests being answered. */
  inFlight(): number
  /**
   * Stops accepting connections, closes idle keep-alive connections at once and every other one
   * as its last answer is sent (each answer from now on says `Connection: close`), and cuts what
   * is still open after `drainMs`. Resolves when the server is closed.
   */
  close(server: Server, drainMs?: number): Promise<void>
}

/** The graceful shutdown of a server answering with `app`. */
export function createDrain(app: RequestListener): Drain {
  let closing = false
  let closed: Promise<void> | undefined
  let onIdle = () => {}
  const open = new Set<ServerResponse>()
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close')
    open.add(res)
    res.once('close', () => {
      open.delete(res)
      onIdle()
    })
    app(req, res)
  }
  return {
    listener,
    inFlight: () => open.size,
    close(server, drainMs = DEFAULT_DRAIN_MS) {
      closed ??= new Promise<void>((resolve, reject) => {
        closing = true
        // Answers already under way: they are the last on their connection.
        for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close')
        // A connection whose answer had already started stays open after it; close it once idle.
        onIdle = () => server.closeIdleConnections()
        const cut = setTimeout(() => server.closeAllConnections(), drainMs)
        cut.unref()
        server.close((err) => {
          clearTimeout(cut)
          if (err) reject(err)
          else resolve()
        })
        server.closeIdleConnections()
      })
      return closed
    },
  }
}
