import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100

/** A server child process and the URL it printed. */
export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Resident set size in bytes, from /proc. */
  rss(): number
  /** CPU time used so far, in ms, by its main thread and by all its threads, from /proc. */
  cpu(): { main: number; all: number }
  stop(): Promise<void>
}

/** Spawns `command` and resolves once it prints a line with the URL it listens on. */
export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group: `npm start` does not pass SIGTERM on to the server it runs, so the
      // whole group is signalled and nothing is left behind.
      detached: true,
    })
    let out = ''
    const early = (code: number | null) =>
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${out}`))
    child.on('exit', early)
    child.stdout?.on('data', (chunk) => {
      out += chunk
      const match = /listening on (https?:\/\/[^\s/]+)/.exec(out)
      if (!match?.[1]) return
      child.off('exit', early)
      resolve({
        url: match[1],
        child,
        rss: () =>
          Number(
            /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0,
          ) * 1024,
        cpu: () => {
          const ticks = (file: string) => {
            // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
            const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? []
            return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS)
          }
          return {
            main: ticks(`/proc/${child.pid}/task/${child.pid}/stat`),
            all: ticks(`/proc/${child.pid}/stat`),
          }
        },
        stop: () =>
          new Promise((done) => {
            // Ask politely; a server still holding keep-alive connections after 3 s is killed.
            const signalGroup = (signal: NodeJS.Signals) => {
              try {
                if (child.pid) process.kill(-child.pid, signal)
              } catch {
                child.kill(signal)
              }
            }
            const force = setTimeout(() => signalGroup('SIGKILL'), 3000)
            child.once('exit', () => {
              clearTimeout(force)
              done()
            })
            signalGroup('SIGTERM')
          }),
      })
    })
  })
}

/**
 * The emulator's CLI on a free port with its log silent: the built one (`dist/cli.js`) unless
 * `entry` says otherwise; `node` flags go before the entry, `args` after it.
 */
export function startEmulator(
  args: string[] = [],
  { node = [], entry = 'dist/cli.js' }: { node?: string[]; entry?: string } = {},
): Promise<ServerProcess> {
  return startProcess(process.execPath, [...node, entry, '--port', '0', '--log', 'silent', ...args])
}

/** Resolves when GET `url` answers 200, polling every few milliseconds. */
export function waitFor200(url: string): Promise<void> {
  return new Promise((resolve) => {
    const attempt = () => {
      const req = request(url, (res) => {
        res.resume()
        if (res.statusCode === 200) resolve()
        else setTimeout(attempt, 2)
      })
      req.on('error', () => setTimeout(attempt, 2))
      req.end()
    }
    attempt()
  })
}

/** Milliseconds from spawning `command` to its first 200 on `path`. */
export async function coldStart(
  command: string,
  args: string[],
  path: string,
  env: Record<string, string> = {},
) {
  const started = performance.now()
  const server = await startProcess(command, args, env)
  await waitFor200(`${server.url}${path}`)
  const ms = performance.now() - started
  await server.stop()
  return ms
}
