import type { Server, ServerOptions } from 'node:http'

/** The resource bounds of the standalone server; every one has a default. */
export interface ServerLimits {
  /** Request head (request line and headers) past this many bytes is refused with `431`. */
  maxHeaderSize?: number | undefined
  /** Milliseconds a client has to send the complete request head (`408` after). */
  headersTimeout?: number | undefined
  /** Milliseconds a client has to send the complete request, body included (`408` after). */
  requestTimeout?: number | undefined
  /** Milliseconds an idle keep-alive connection is kept open. */
  keepAliveTimeout?: number | undefined
  /** Connections open at once; further ones are closed as they arrive. */
  maxConnections?: number | undefined
}

/** The limits with every value given. */
export type ResolvedLimits = { [K in keyof ServerLimits]-?: number }

/** The defaults, generous for a development tool and small enough to bound a runaway client. */
export const DEFAULT_LIMITS: ResolvedLimits = {
  maxHeaderSize: 16 * 1024,
  headersTimeout: 20_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  maxConnections: 1000,
}

/** The limits with defaults filled in. */
export function resolveLimits(limits: ServerLimits): ResolvedLimits {
  const requestTimeout = limits.requestTimeout ?? DEFAULT_LIMITS.requestTimeout
  const headersTimeout = limits.headersTimeout ?? DEFAULT_LIMITS.headersTimeout
  return {
    maxHeaderSize: limits.maxHeaderSize ?? DEFAULT_LIMITS.maxHeaderSize,
    // Node refuses a head deadline past the whole request's; the head is part of the request.
    headersTimeout: requestTimeout > 0 ? Math.min(headersTimeout, requestTimeout) : headersTimeout,
    requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout ?? DEFAULT_LIMITS.keepAliveTimeout,
    maxConnections: limits.maxConnections ?? DEFAULT_LIMITS.maxConnections,
  }
}

/** The options `http.createServer` / `https.createServer` take for these limits. */
export function serverOptions(limits: ResolvedLimits): ServerOptions {
  return {
    maxHeaderSize: limits.maxHeaderSize,
    // Node's own 400 for a missing Host has no body; the app answers it in JSON instead.
    requireHostHeader: false,
    // Node checks the two timeouts every 30 s by default, which would stretch them by as much.
    connectionsCheckingInterval: Math.max(
      250,
      Math.min(1000, limits.headersTimeout, limits.requestTimeout),
    ),
    headersTimeout: limits.headersTimeout,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
  }
}

/** Applies the limits that are properties of a listening server rather than options. */
export function applyLimits(server: Server, limits: ResolvedLimits): void {
  server.maxConnections = limits.maxConnections
  server.headersTimeout = limits.headersTimeout
  server.requestTimeout = limits.requestTimeout
  server.keepAliveTimeout = limits.keepAliveTimeout
}
