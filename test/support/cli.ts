import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** A spawned CLI process with its output so far. */
export interface CliProcess {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  /** Resolves with the exit code. */
  exited: Promise<number | null>
}

/** Runs a TypeScript file of the repository in a fresh Node process, collecting its output. */
export function spawnNode(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
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

/** Spawns the CLI from source, as `npm start` runs it, with PORT and HOST cleared. */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  return spawnNode(['src/cli.ts', ...args], { PORT: '', HOST: '', ...env })
}

/** Waits for the ready line and returns the URL it prints. */
export async function readyUrl(cli: CliProcess): Promise<string> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const match = /listening on (https?:\/\/\S+)/.exec(cli.stdout())
    if (match?.[1]) return match[1]
    if (cli.child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`no ready line; stdout: ${cli.stdout()} stderr: ${cli.stderr()}`)
}

/** Runs a TypeScript file to its end and returns its exit code and output. */
export async function runNode(args: string[], env: Record<string, string>) {
  const run = spawnNode(args, env)
  const code = await run.exited
  return { code, stdout: run.stdout(), stderr: run.stderr() }
}
