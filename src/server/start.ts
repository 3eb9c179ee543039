import {
  createServer as createHttpServer,
  type RequestListener,
  type Server,
  type ServerOptions,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator.js'
import { adminTokenProblem, isLoopback } from './admin-token.js'
import { createApp } from './app.js'
import { answerClientErrors } from './client-errors.js'
import { createDrain, DEFAULT_DRAIN_MS } from './drain.js'
import { applyLimits, resolveLimits, type ServerLimits, serverOptions } from './limits.js'
import { ListenError, listen } from './listen.js'
import { checkServerOptions } from './options.js'
import type { LogFormat } from './request-log.js'
import { statePersister } from './state-keeper.js'

/**
 * Options of `startServer()`: an emulator (or the options to create one), where to listen, and
 * the server's bounds. `maxBodyBytes` bounds every request body the server reads, on any route.
 */
export interface StartServerOptions extends EmulatorOptions, ServerLimits {
  /** An emulator to serve; one is created from the other options when omitted. */
  emulator?: Emulator
  /** Several tenants on one server, chosen per request by Host or header; the first is the default. */
  emulators?: readonly Emulator[]
  /** 0 (the default) picks a free port. */
  port?: number
  /** Loopback by default. */
  host?: string
  /** `silent` by default for the library; the CLI uses `pretty`. */
  log?: LogFormat
  write?: (line: string) => void
  /** Keep rotated codes, enrolments and scenarios in this file across restarts. */
  stateFile?: string
  /** Required when `host` is not loopback: guards the control API and inspector data. */
  adminToken?: string
  /** Origins whose pages may call the control API cross-origin (`--control-origin`). */
  controlOrigins?: readonly string[]
  /** Host names the control API answers besides loopback names and non-`.local` tenant domains. */
  controlHosts?: readonly string[]
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer }
}

/** A listening standalone emulator. */
export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:4000`. */
  readonly url: string
  readonly port: number
  readonly host: string
  /** The default (first) tenant. */
  readonly emulator: Emulator
  /** Every tenant served, by name. */
  readonly emulators: ReadonlyMap<string, Emulator>
  readonly server: Server
  /**
   * Serves these tenants instead from the next request on (the CLI's `--watch` after a fixture
   * edit); requests already under way finish with the old ones. Not with `stateFile`.
   */
  replaceEmulators(emulators: readonly Emulator[]): void
  /**
   * Stops accepting connections, closes idle keep-alive connections at once, answers every
   * request from now on with `Connection: close`, lets in-flight requests finish (closing
   * whatever is still open after `drainMs`, 10 s by default), then resolves.
   */
  close(drainMs?: number): Promise<void>
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

function httpsServer(
  tls: NonNullable<StartServerOptions['tls']>,
  options: ServerOptions,
  listener: RequestListener,
): Server {
  try {
    return createHttpsServer({ ...options, cert: tls.cert, key: tls.key }, listener)
  } catch (err) {
    throw new ListenError(
      `--cert/--key are not a usable PEM certificate and private key (${(err as Error).message}); check both files`,
    )
  }
}

/**
 * Starts the standalone emulator (express + `@mswjs/http-middleware`).
 * @example
 * const { url, emulator, close } = await startServer({ port: 0 })
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  checkServerOptions(options)
  const {
    emulator: given,
    emulators: several,
    port = 0,
    host = '127.0.0.1',
    log = 'silent',
    write,
    tls,
    adminToken,
    controlOrigins,
    controlHosts,
    stateFile,
    maxHeaderSize,
    headersTimeout,
    requestTimeout,
    keepAliveTimeout,
    maxConnections,
    ...emulatorOptions
  } = options
  const limits = resolveLimits({
    maxHeaderSize,
    headersTimeout,
    requestTimeout,
    keepAliveTimeout,
    maxConnections,
  })
  const tokenProblem = adminToken === undefined ? undefined : adminTokenProblem(adminToken)
  if (tokenProblem) throw new ListenError(tokenProblem)
  if (!isLoopback(host) && !adminToken) {
    throw new ListenError(
      `listening on ${host} exposes the control API beyond this machine; pass --admin-token TOKEN (or AUTH0_EMULATOR_ADMIN_TOKEN), or bind 127.0.0.1`,
    )
  }
  const list = several?.length ? several : [given ?? createEmulator(emulatorOptions)]
  const byName = new Map(list.map((e) => [e.name, e]))
  const appFor = (tenants: readonly Emulator[]) =>
    createApp(tenants, {
      log,
      ...(write ? { write } : {}),
      ...(adminToken ? { adminToken } : {}),
      ...(controlOrigins ? { controlOrigins } : {}),
      ...(controlHosts ? { controlHosts } : {}),
      ...(emulatorOptions.maxBodyBytes === undefined
        ? {}
        : { maxBodyBytes: emulatorOptions.maxBodyBytes }),
    })
  // Swapped as a whole by replaceEmulators: each request sees one consistent set of tenants.
  let current = { list, byName, app: appFor(list) }
  const drain = createDrain((req, res) => current.app(req, res))
  const nodeOptions = serverOptions(limits)
  const server: Server = tls
    ? httpsServer(tls, nodeOptions, drain.listener)
    : createHttpServer(nodeOptions, drain.listener)
  applyLimits(server, limits)
  answerClientErrors(server, limits)
  // The state file is locked before it is read, and freed again when the server cannot listen.
  const persister = stateFile ? await statePersister(stateFile, byName) : undefined
  await listen(server, port, host).catch(async (err: unknown) => {
    await persister?.close()
    throw err
  })
  const bound = (server.address() as AddressInfo).port
  const url = `${tls ? 'https' : 'http'}://${urlHost(host)}:${bound}`
  return {
    url,
    port: bound,
    host,
    get emulator() {
      return current.list[0] as Emulator
    },
    get emulators() {
      return current.byName
    },
    server,
    replaceEmulators(emulators) {
      if (persister) throw new TypeError('replaceEmulators() does not work with a stateFile')
      if (!emulators.length) throw new TypeError('replaceEmulators() needs at least one emulator')
      const previous = current.app
      const names = new Map(emulators.map((e) => [e.name, e]))
      current = { list: emulators, byName: names, app: appFor(emulators) }
      previous.locals.close?.()
    },
    async close(drainMs = DEFAULT_DRAIN_MS) {
      current.app.locals.close?.()
      await drain.close(server, drainMs)
      await persister?.close()
    },
  }
}
