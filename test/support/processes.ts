import { execFileSync } from 'node:child_process'

/** The ids of running processes whose command line contains `token`, as `ps` lists them. */
export function processesWith(token: string): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
  return table
    .split('\n')
    .filter((line) => line.includes(token) && !line.includes('ps -eo'))
    .map((line) => Number.parseInt(line.trim(), 10))
    .filter((pid) => pid !== process.pid && Number.isInteger(pid))
}

/** Kills (SIGKILL) every process whose command line contains `token`: what a failed test left. */
export function killProcessesWith(token: string): void {
  for (const pid of processesWith(token)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}
