import { readFileSync } from 'node:fs'
import { SCENARIO_NAMES } from '../scenarios/names.js'
import type { RunningServer } from '../server/start.js'
import { parseCli } from './args.js'
import { failureLine } from './failure-line.js'
import { usage } from './flags.js'
import { consoleIo, type Io, say } from './say.js'
import { startCommand } from './start-command.js'

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
  return (await startCommand(command, env, io)).server
}

/**
 * The process around `run`: one readable line and exit code 1 on failure, clean exit on signals.
 * The signal handlers are in place before `run` prints the ready line: a script that stops the
 * server as soon as it reads that line must not find the default handler (which kills the process
 * with no exit code) still there.
 */
export async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === 'exec') {
    // Starts the emulator in this process, runs the command, and exits with its status.
    const { execMain } = await import('./exec.js')
    process.exit(await execMain(argv.slice(1), process.env))
  }
  if (argv[0] === 'verify') {
    // A subcommand with its own flags, routed before the server's parser sees them.
    const { verifyMain } = await import('../verify/cli.js')
    process.exitCode = await verifyMain(argv.slice(1), process.env)
    return
  }
  const io = consoleIo(process.stdout, process.stderr)
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
    io.err(failureLine(err))
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
