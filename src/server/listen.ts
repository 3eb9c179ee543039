import type { Server } from 'node:http'
import { UsageError } from '../support/usage-error.js'

/** A listen failure with a message that says what to change. */
export class ListenError extends UsageError {
  override name = 'ListenError'
}

/** Listens on `port` and `host`; the usual failures become a `ListenError` saying what to do. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      if (err.code === 'EADDRINUSE') {
        reject(
          new ListenError(
            `port ${port} on ${host} is already in use; pass --port 0 for a free port, or stop the process using it`,
          ),
        )
      } else if (err.code === 'EACCES') {
        reject(
          new ListenError(`no permission to listen on ${host}:${port}; choose a port above 1023`),
        )
      } else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') {
        reject(
          new ListenError(
            `cannot listen on host '${host}': no such local address; try --host 127.0.0.1`,
          ),
        )
      } else {
        reject(err)
      }
    }
    const onListening = () => {
      server.off('error', onError)
      resolve()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}
