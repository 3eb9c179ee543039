import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/index.js'
import { type RunningServer, type StartServerOptions, startServer } from '../../src/server/index.js'

/** A way of reaching an emulator: in-process through msw, or over real HTTP. */
export interface Driver {
  readonly mode: 'in-process' | 'http'
  readonly emulator: Emulator
  /** The base URL requests go to (no trailing slash). */
  readonly base: string
  fetch(path: string, init?: RequestInit): Promise<Response>
  close(): Promise<void>
}

// msw patches the process's fetch once: one server per test file, whose handlers follow the
// innermost open driver.
let server: ReturnType<typeof setupServer> | undefined
const open: Emulator[] = []

/** The emulator's handlers behind `setupServer`, reached at `https://dev-tenant.local`. */
export function inProcessDriver(options: EmulatorOptions = {}): Driver {
  const emulator = createEmulator({ seed: 'contract', ...options })
  if (!server) {
    server = setupServer()
    server.listen({ onUnhandledRequest: 'error' })
  }
  open.push(emulator)
  server.resetHandlers(...emulator.handlers)
  const base = 'https://dev-tenant.local'
  return {
    mode: 'in-process',
    emulator,
    base,
    fetch: (path, init) => fetch(`${base}${path}`, init),
    async close() {
      open.splice(open.indexOf(emulator), 1)
      const top = open.at(-1)
      if (top) server?.resetHandlers(...top.handlers)
      else {
        server?.close()
        server = undefined
      }
    },
  }
}

function serverDriver(running: RunningServer): Driver {
  return {
    mode: 'http',
    emulator: running.emulator,
    base: running.url,
    fetch: (path, init) => fetch(`${running.url}${path}`, init),
    close: () => running.close(),
  }
}

/** The standalone server on a free loopback port. */
export async function httpDriver(options: Omit<StartServerOptions, 'port'> = {}): Promise<Driver> {
  return serverDriver(await startServer({ seed: 'contract', ...options, port: 0 }))
}

/** The standalone server over HTTPS with the test certificate that global-setup trusts. */
export async function httpsDriver(options: EmulatorOptions = {}): Promise<Driver> {
  const dir = process.env.AUTH0_MFA_EMULATOR_TEST_TLS
  if (!dir) {
    throw new Error('AUTH0_MFA_EMULATOR_TEST_TLS is not set; run through vitest (global-setup)')
  }
  const tls = { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) }
  return serverDriver(await startServer({ seed: 'contract', ...options, port: 0, tls }))
}

/** Makes a driver of the given mode. */
export type DriverFactory = (options?: EmulatorOptions) => Driver | Promise<Driver>

/** Both ways of reaching the emulator, for `describe.each`. */
export const BOTH_MODES: [string, DriverFactory][] = [
  ['in-process', inProcessDriver],
  ['http', httpDriver],
]
