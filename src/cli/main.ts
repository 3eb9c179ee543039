import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FixtureInput } from '../config/schema.js'
import { SCENARIO_NAMES } from '../scenarios/names.js'
import { formatLogLine, type LogEvent } from '../server/log-line.js'
import type { LogFormat } from '../server/request-log.js'
import type { RunningServer } from '../server/start.js'
import { PRODUCT } from '../support/dev-messages.js'
import { UsageError } from '../support/usage-error.js'
import { type CliCommand, CliError, parseCli } from './args.js'
import { usage } from './flags.js'

/** The bundled default fixture, next to `src/` and `dist/` alike. */
export const DEFAULT_FIXTURES = fileURLToPath(
  new URL('../../fixtures/default.json', import.meta.url),
)

interface Io {
  out: (line: string) => void
  err: (line: string) => void
  /** The log format of the command line, once parsed. */
  format?: LogFormat
}

function readPem(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    throw new CliError(
      `${flag} ${path}: cannot read the file (${(err as NodeJS.ErrnoException).code})`,
    )
  }
}

async function tlsFor(
  command: Extract<CliCommand, { kind: 'run' }>,
  env: NodeJS.ProcessEnv,
  io: Io,
) {
  if (command.cert && command.key) {
    return { cert: readPem(command.cert, '--cert'), key: readPem(command.key, '--key') }
  }
  const { defaultCertificateDir, loadOrCreateDevCertificate } = await import('../server/tls.js')
  const dir = env.AUTH0_EMULATOR_CERT_DIR || defaultCertificateDir(env)
  const hosts = [...new Set(['localhost', '127.0.0.1', '::1', command.host])].filter(
    (h) => h !== '0.0.0.0' && h !== '::',
  )
  const made = await loadOrCreateDevCertificate(dir, hosts)
  const status = made.created ? 'created' : 'reused'
  say(io, command.log, {
    level: 'info',
    msg: 'https certificate',
    text: `HTTPS certificate ${status}: ${made.certPath} (SHA-256 ${made.fingerprint})`,
    fields: { status, cert: made.certPath, fingerprint: made.fingerprint },
  })
  say(io, command.log, {
    level: 'info',
    msg: 'trust the certificate',
    text: `trust it in Node with NODE_EXTRA_CA_CERTS=${made.certPath}`,
    fields: { NODE_EXTRA_CA_CERTS: made.certPath },
  })
  return { cert: made.cert, key: made.key }
}

/** Prints a lifecycle line in the log's format (silent logs still print it: scripts wait for it). */
function say(io: Io, format: LogFormat, event: LogEvent): void {
  io.out(formatLogLine(format === 'json' ? 'json' : 'pretty', event) ?? '')
}

/** Starts the server a command line describes; resolves with it, or rejects with a readable error. */
export async function run(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: Io,
): Promise<RunningServer | undefined> {
  const command = parseCli(argv, env)
  if (command.kind === 'run') io.format = command.log
  if (command.kind === 'help') {
    io.out(usage(SCENARIO_NAMES))
    return undefined
  }
  if (command.kind === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    io.out(String(pkg.version))
    return undefined
  }
  // Imported here so --help and argument errors answer without loading the server.
  const [
    { createEmulator },
    { loadFixtureFile, loadOverlayFile },
    { applyOverlay },
    { startServer },
    { tenantName },
  ] = await Promise.all([
    import('../emulator.js'),
    import('../config/load.js'),
    import('../config/overlay.js'),
    import('../server/start.js'),
    import('../config/schema.js'),
  ])
  const fixturePath = command.fixtures ?? DEFAULT_FIXTURES
  const overlay = command.fixturesOverlay ? loadOverlayFile(command.fixturesOverlay) : undefined
  const fixtures = loadFixtureFile(fixturePath)
  // One --seed for several tenants: each draws its own sequence, or twin tenants would hand out
  // the same tokens and codes, each valid at the other.
  const seedOf = (seed: string, fixture: (typeof fixtures)[number]) =>
    fixtures.length > 1 ? `${seed}:${tenantName(fixture)}` : seed
  const emulators = fixtures.map((fixture) =>
    createEmulator({
      fixtures: overlay
        ? applyOverlay(fixture as FixtureInput, overlay)
        : (fixture as FixtureInput),
      fixtureSource: fixturePath,
      scenarios: command.scenarios,
      ...(command.issuer ? { issuer: command.issuer } : {}),
      ...(command.seed === undefined ? {} : { seed: seedOf(command.seed, fixture) }),
    }),
  )
  const tls = command.https ? await tlsFor(command, env, io) : undefined
  const server = await startServer({
    emulators,
    port: command.port,
    host: command.host,
    log: command.log,
    write: io.out,
    ...(command.adminToken ? { adminToken: command.adminToken } : {}),
    ...(command.stateFile ? { stateFile: command.stateFile } : {}),
    ...(command.controlOrigins.length ? { controlOrigins: command.controlOrigins } : {}),
    ...(command.controlHosts.length ? { controlHosts: command.controlHosts } : {}),
    ...(tls ? { tls } : {}),
  })
  const active = server.emulator.scenarios.list()
  const inspector = `${server.url}/__emulator/`
  const tenants =
    emulators.length === 1
      ? `tenant ${server.emulator.fixture.tenant.domain}`
      : `tenants ${emulators.map((e) => e.name).join(', ')}, chosen by Host {name}.localhost or the Auth0-Emulator-Tenant header`
  say(io, command.log, {
    level: 'info',
    msg: 'listening',
    text: `listening on ${server.url} (${tenants}, fixtures ${fixturePath}, scenarios: ${active.length ? active.join(', ') : 'none'}); inspector ${inspector}`,
    fields: {
      url: server.url,
      inspector,
      ...(emulators.length === 1
        ? { tenant: server.emulator.fixture.tenant.domain }
        : { tenants: emulators.map((e) => e.name) }),
      fixtures: fixturePath,
      scenarios: active,
    },
  })
  return server
}

/**
 * The process around `run`: one readable line and exit code 1 on failure, clean exit on signals.
 * The signal handlers are in place before `run` prints the ready line: a script that stops the
 * server as soon as it reads that line must not find the default handler (which kills the process
 * with no exit code) still there.
 */
export async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === 'verify') {
    // A subcommand with its own flags, routed before the server's parser sees them.
    const { verifyMain } = await import('../verify/cli.js')
    process.exitCode = await verifyMain(argv.slice(1), process.env)
    return
  }
  const io: Io = { out: (line) => console.log(line), err: (line) => console.error(line) }
  let server: RunningServer | undefined
  let signalled = false
  const stop = () => {
    // A second signal exits at once instead of waiting for open requests.
    if (signalled) process.exit(1)
    signalled = true
    if (!server) return
    say(io, io.format ?? 'pretty', {
      level: 'info',
      msg: 'stopping',
      text: 'stopping: finishing open requests (press Ctrl+C again to quit at once)',
    })
    server.close().then(
      () => process.exit(0),
      () => process.exit(0),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  try {
    server = await run(argv, process.env, io)
  } catch (err) {
    // The emulator's own errors say what to change in one line; anything else is unexpected.
    io.err(
      err instanceof UsageError
        ? `${PRODUCT}: ${err.message}`
        : `${PRODUCT}: failed to start: ${err instanceof Error ? err.message : String(err)}`,
    )
    process.exitCode = 1
    return
  }
  if (!server) return
  // Signalled while starting: stop now that there is a server to stop.
  if (signalled) {
    signalled = false
    stop()
  }
}
