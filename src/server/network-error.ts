import { ServerResponse } from 'node:http'
import type { NextFunction, Request, Response } from 'express'

/**
 * msw's `HttpResponse.error()` (the network-error scenario) reaches the middleware as a response
 * with status 0, which Node refuses to write and throws outside any handler. Destroy the socket
 * instead, which is what a network error looks like to a client.
 */
export function failNetworkErrors(_req: Request, res: Response, next: NextFunction) {
  res.end = endUnlessNetworkError
  next()
}

/** `res.end`, or, for msw's network error (status 0), the socket destroyed instead. */
function endUnlessNetworkError(this: Response, ...args: unknown[]): Response {
  if (this.statusCode === 0) {
    this.req.socket.destroy()
    return this
  }
  return (ServerResponse.prototype.end as (...a: unknown[]) => Response).apply(this, args)
}
