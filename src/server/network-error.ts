import type { NextFunction, Request, Response } from 'express'

/**
 * msw's `HttpResponse.error()` (the network-error scenario) reaches the middleware as a response
 * with status 0, which Node refuses to write and throws outside any handler. Destroy the socket
 * instead, which is what a network error looks like to a client.
 */
export function failNetworkErrors(req: Request, res: Response, next: NextFunction) {
  const end = res.end.bind(res) as (...args: unknown[]) => Response
  res.end = ((...args: unknown[]) => {
    if (res.statusCode === 0) {
      req.socket.destroy()
      return res
    }
    return end(...args)
  }) as Response['end']
  next()
}
