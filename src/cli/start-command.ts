import { fileURLToPath } from 'node:url'
import type { FixtureInput } from '../config/schema.js'
import type { RunningServer } from '../server/start.js'
import type { CliCommand } from './args.js'
import { type Io, say } from './say.js'
import { tlsFor } from './tls-for.js'

/** The bundled default fixture, next to `src/` and `dist/` alike. */
export const DEFAULT_FIXTURES = fileURLToPath(
  new URL('../../fixtures/default.json', import.meta.url),
)

/** The server-starting form of a command line. */
export type RunCommand = Extract<CliCommand, { kind: 'run' }>

/** A server the CLI started, with the certificate a client must trust when it serves HTTPS. */
export interface StartedServer {
  server: RunningServer
  /** The PEM file to trust (NODE_EXTRA_CA_CERTS), with `--https` or `--cert`. */
  caFile?: string
  /** The issuer tokens carry, with its trailing slash. */
  issuer: string
}

/** Starts the server a parsed command line describes and prints its ready line. */
export async function startCommand(
  command: RunCommand,
  env: NodeJS.ProcessEnv,
  io: Io,
): Promise<StartedServer> {
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
  const loadEmulators = () => {
    const fixtures = loadFixtureFile(fixturePath)
    // One --seed for several tenants: each draws its own sequence, or twin tenants would hand
    // out the same tokens and codes, each valid at the other.
    const seedOf = (seed: string, fixture: (typeof fixtures)[number]) =>
      fixtures.length > 1 ? `${seed}:${tenantName(fixture)}` : seed
    return fixtures.map((fixture) =>
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
  }
  const emulators = loadEmulators()
  const https = command.https ? await tlsFor(command, env, io) : undefined
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
    ...(https ? { tls: https.tls } : {}),
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
  if (command.watch) {
    const { watchFixtureFile } = await import('./watch-fixture.js')
    const stop = watchFixtureFile(fixturePath, {
      load: loadEmulators,
      apply: (list) => server.replaceEmulators(list),
      reloaded: () =>
        say(io, command.log, {
          level: 'info',
          msg: 'fixtures reloaded',
          text: `fixtures reloaded from ${fixturePath}: tenant reset to it`,
          fields: { fixtures: fixturePath },
        }),
      rejected: (problem) =>
        say(io, command.log, {
          level: 'warn',
          msg: 'fixtures not reloaded',
          text: `fixtures not reloaded, still serving the previous ones: ${problem.replace(/\s*\n\s*/g, '; ')}`,
          fields: { fixtures: fixturePath, problem },
        }),
    })
    server.server.once('close', stop)
  }
  return {
    server,
    issuer: command.issuer ?? `${server.url}/`,
    ...(https ? { caFile: https.caFile } : {}),
  }
}
