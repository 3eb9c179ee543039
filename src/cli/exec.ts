import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { constants } from 'node:os'
import { PRODUCT } from '../support/dev-messages.js'
import { CliError, parseCli } from './args.js'
import { EXEC_USAGE, splitExecArgs, wantsExecHelp } from './exec-args.js'
import { failureLine } from './failure-line.js'
import { consoleIo, type Io } from './say.js'
import { type StartedServer, startCommand } from './start-command.js'
import { waitHealthy } from './wait-healthy.js'

/** How long the emulator may take to start and answer its health check before exec gives up. */
export const EXEC_READY_TIMEOUT_MS = 60_000

/** How long in-flight requests may take to finish once the command has ended. */
const CLOSE_DRAIN_MS = 2_000

/** The shell's convention for a process ended by a signal: 128 plus the signal's number. */
function signalStatus(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0)
}

/** The environment the command runs with: the caller's, plus the emulator's coordinates. */
export function commandEnvironment(
  env: NodeJS.ProcessEnv,
  started: StartedServer,
): NodeJS.ProcessEnv {
  return {
    ...env,
    AUTH0_EMULATOR_URL: started.server.url,
    AUTH0_DOMAIN: new URL(started.server.url).host,
    AUTH0_ISSUER_BASE_URL: started.issuer,
    ...(started.caFile ? { NODE_EXTRA_CA_CERTS: started.caFile } : {}),
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CliError(`the emulator did not start within ${ms / 1000} s`)),
      ms,
    )
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

async function start(serverArgv: string[], env: NodeJS.ProcessEnv, io: Io) {
  // A free port unless --port says otherwise: PORT belongs to the command (its own server).
  const command = parseCli(serverArgv, { ...env, PORT: undefined, AUTH0_EMULATOR_PORT: '0' })
  if (command.kind !== 'run') throw new CliError('exec takes server options before --')
  const started = await startCommand(command, env, io)
  await waitHealthy(started.server.url, {
    timeoutMs: EXEC_READY_TIMEOUT_MS,
    ...(started.caFile ? { ca: readFileSync(started.caFile, 'utf8') } : {}),
    ...(command.adminToken ? { adminToken: command.adminToken } : {}),
  })
  return started
}

/** Resolves with the command's exit status (128 + n when a signal ended it). */
function statusOf(child: ChildProcess, name: string, io: Io): Promise<number> {
  return new Promise((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      io.err(
        `${PRODUCT}: exec cannot run '${name}' (${err.code ?? err.message}); check the command after --`,
      )
      resolve(err.code === 'ENOENT' ? 127 : 126)
    })
    child.once('exit', (code, signal) => resolve(signal ? signalStatus(signal) : (code ?? 1)))
  })
}

/**
 * `auth0-mfa-emulator exec [options] -- command [args...]`: runs the emulator in this process for
 * as long as the command runs, so nothing outlives exec, and resolves with the command's status.
 */
export async function execMain(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  // stdout belongs to the command: the emulator's lines go to stderr.
  const io = consoleIo(process.stderr, process.stderr)
  if (wantsExecHelp(argv)) {
    console.log(EXEC_USAGE)
    return 0
  }
  let child: ChildProcess | undefined
  let signalled: NodeJS.Signals | undefined
  const forward = (signal: NodeJS.Signals) => {
    // A second signal ends a command that ignores the first, as Ctrl+C twice does.
    const again = signalled !== undefined
    signalled ??= signal
    child?.kill(again ? 'SIGKILL' : signal)
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  let started: StartedServer | undefined
  try {
    const { serverArgv, command, args } = splitExecArgs(argv)
    started = await withDeadline(start(serverArgv, env, io), EXEC_READY_TIMEOUT_MS)
    if (signalled) return signalStatus(signalled)
    child = spawn(command, args, { stdio: 'inherit', env: commandEnvironment(env, started) })
    return await statusOf(child, command, io)
  } catch (err) {
    io.err(failureLine(err))
    return 1
  } finally {
    await started?.server.close(CLOSE_DRAIN_MS)
  }
}
