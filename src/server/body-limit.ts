import type { Socket } from 'node:net'
import type { NextFunction, Request, Response } from 'express'
import { EmulatorError } from '../support/emulator-error.js'
import { hasUnreadBody, sendRefusal } from './refusal.js'

/** How long a refused upload may keep sending (and be discarded) before its socket is cut. */
export const LINGER_MS = 2000

/**
 * Lets the client read the `413` before its connection goes: Node destroys a `Connection: close`
 * socket as soon as the answer is written, and a peer still sending then gets a reset that can
 * wipe the unread answer. Instead the write side is ended and the rest of the upload read and
 * dropped, for at most `LINGER_MS`.
 */
function lingerThenClose(socket: Socket): void {
  socket.destroySoon = () => {
    socket.end()
    socket.resume()
    socket.once('end', () => socket.destroy())
    setTimeout(() => socket.destroy(), LINGER_MS).unref()
  }
}

function refuseTooLarge(req: Request, res: Response, limit: number): void {
  lingerThenClose(req.socket)
  sendRefusal(
    req,
    res,
    new EmulatorError(
      413,
      'invalid_request',
      `Request body is larger than ${limit} bytes`,
      // Said explicitly: the refusal is sent before the body has been read.
      { Connection: 'close' },
    ),
  )
  // Flowing with no listener: what is still coming is dropped as it arrives, never buffered.
  req.resume()
}

/**
 * Holds every request body, on every route, to `limit` bytes: a declared `Content-Length` past it
 * is refused with `413` at once, one within it is left for the handlers to read; a chunked body is
 * read here, counting as the bytes arrive, refused with `413` as soon as it passes the limit, and
 * kept (at most `limit` bytes) in `res.locals.body` for the handlers, who need the exact bytes.
 */
export function bodyLimit(limit: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasUnreadBody(req)) return next()
    const declared = req.headers['content-length']
    if (Number(declared) > limit) return refuseTooLarge(req, res, limit)
    // A declared length within the limit is all Node's parser lets through (it refuses a
    // Content-Length beside a Transfer-Encoding): the handlers read such a body from the request.
    if (declared !== undefined && req.headers['transfer-encoding'] === undefined) return next()
    const chunks: Buffer[] = []
    let total = 0
    const stop = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('close', stop)
    }
    const onData = (chunk: Buffer) => {
      total += chunk.length
      if (total > limit) {
        stop()
        chunks.length = 0
        refuseTooLarge(req, res, limit)
      } else {
        chunks.push(chunk)
      }
    }
    const onEnd = () => {
      stop()
      res.locals.body = Buffer.concat(chunks, total)
      next()
    }
    req.on('data', onData)
    req.on('end', onEnd)
    // A client that gives up mid-body gets no answer: there is no one left to read it.
    req.on('close', stop)
  }
}
