import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { trackChild } from './children.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The built CLI, as `npx auth0-mfa-emulator` runs it; global-setup bundles it first. */
export const CLI_BINARY = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

/**
 * How long a spawned CLI may take to print its ready line. Far above the ~0.3 s it takes on a
 * quiet machine: the suite shares two cores with other work, and a failed start is reported at
 * once (the process exits, or prints its error) rather than by this deadline.
 */
export const READY_TIMEOUT_MS = 60_000

/** A spawned process with its output so far. */
export interface CliProcess {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  /** Resolves with the exit code, once stdout and stderr are complete. */
  exited: Promise<number | null>
}

function spawnTracked(args: string[], env: Record<string, string>): CliProcess {
  const child = trackChild(
    spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk) => {
    out += chunk
  })
  child.stderr?.on('data', (chunk) => {
    err += chunk
  })
  // 'close' waits for stdout and stderr to end, so the output is complete.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, stdout: () => out, stderr: () => err, exited }
}

/** Runs a TypeScript file of the repository (a test helper script) in a fresh Node process. */
export function spawnNode(args: string[], env: Record<string, string> = {}): CliProcess {
  return spawnTracked(['--import', 'tsx', ...args], env)
}

/**
 * Spawns the built CLI with PORT, HOST and FORCE_COLOR cleared (output is matched as plain text);
 * it is killed after the test either way.
 */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  return spawnTracked([CLI_BINARY, ...args], {
    PORT: '',
    AUTH0_EMULATOR_PORT: '',
    AUTH0_EMULATOR_HOST: '',
    FORCE_COLOR: '',
    ...env,
  })
}

/**
 * Waits for the ready line and returns the URL it prints; fails as soon as the process exits or
 * prints an error, with its output, instead of waiting out the deadline.
 */
export function readyUrl(cli: CliProcess, timeoutMs = READY_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      cleanup()
      reject(new Error(`${why}; stdout: ${cli.stdout()} stderr: ${cli.stderr()}`))
    }
    const check = () => {
      const match = /listening on (https?:\/\/[^\s;]+)|"msg":"listening","url":"([^"]+)"/.exec(
        cli.stdout(),
      )
      const url = match?.[1] ?? match?.[2]
      if (url) {
        cleanup()
        resolve(url)
      } else if (/^auth0-mfa-emulator: |Error\b/m.test(cli.stderr())) {
        fail('the CLI reported an error before it was ready')
      }
    }
    const onExit = (code: number | null) =>
      fail(`the CLI exited (code ${code}) before it was ready`)
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs} ms`), timeoutMs)
    const cleanup = () => {
      clearTimeout(timer)
      cli.child.stdout?.off('data', check)
      cli.child.stderr?.off('data', check)
      cli.child.off('close', onExit)
    }
    cli.child.stdout?.on('data', check)
    cli.child.stderr?.on('data', check)
    // 'close', not 'exit': the output is complete then, so the failure shows the error line.
    cli.child.once('close', onExit)
    // Listeners are added after spawn: the line (or the exit) may already be there.
    check()
  })
}

/** Runs a TypeScript file to its end and returns its exit code and output. */
export async function runNode(args: string[], env: Record<string, string>) {
  const run = spawnNode(args, env)
  const code = await run.exited
  return { code, stdout: run.stdout(), stderr: run.stderr() }
}

/**
 * Waits until the process's stdout matches `pattern` (polling, so no event is missed); fails with
 * its output when the process exits first or `timeoutMs` passes.
 */
export async function outputMatching(
  cli: CliProcess,
  pattern: RegExp,
  timeoutMs = READY_TIMEOUT_MS,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const match = pattern.exec(cli.stdout())
    if (match) return match
    if (cli.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `no ${pattern} in the output; stdout: ${cli.stdout()} stderr: ${cli.stderr()}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
