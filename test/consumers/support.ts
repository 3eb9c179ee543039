import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inject } from 'vitest'

/** The repository's root directory. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

declare module 'vitest' {
  export interface ProvidedContext {
    /** A temporary directory for this run, removed after it. */
    packageTmp: string
    /** The packed tarball (`npm pack` of the repository). */
    tarball: string
    /** The tarball's contents, extracted (its `package/` folder). */
    packed: string
    /** `npm pack --json`'s report: sizes and the file list. */
    packReport: PackReport
  }
}

/** What `npm pack --json` reports about a tarball. */
export interface PackReport {
  size: number
  unpackedSize: number
  entryCount: number
  files: { path: string; size: number }[]
}

export { type RunResult, run } from '../support/run.js'

import { type RunResult, run } from '../support/run.js'

/** Fails with the command's whole output unless it exited 0. */
export function expectSuccess(result: RunResult, what: string): RunResult {
  if (result.code !== 0) {
    throw new Error(`${what} exited ${result.code}\n${result.stdout}\n${result.stderr}`)
  }
  return result
}

/** Installs `packages` (the tarball among them) into `dir`, from npm's cache where it can. */
export async function npmInstall(dir: string, packages: readonly string[]): Promise<void> {
  expectSuccess(
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...packages],
      { cwd: dir, env: { npm_config_engine_strict: 'true' } },
    ),
    `npm install in ${dir}`,
  )
}

/**
 * The consumer project (test/consumers/project, with examples/playwright as
 * playwright-example/), with the packed tarball installed; made by the first test that needs it.
 */
export async function consumerProject(): Promise<string> {
  const dir = join(inject('packageTmp'), 'project')
  const done = join(dir, '.installed')
  if (existsSync(done)) return dir
  cpSync(join(ROOT, 'test/consumers/project'), dir, {
    recursive: true,
    filter: (path) => !path.includes('node_modules'),
  })
  cpSync(join(ROOT, 'examples/playwright'), join(dir, 'playwright-example'), { recursive: true })
  // One source, type-checked as CommonJS (.cts) and as an ES module (.mts) under nodenext.
  const consumer = readFileSync(join(dir, 'ts/consumer.ts'), 'utf8')
  writeFileSync(join(dir, 'ts/consumer.cts'), consumer)
  writeFileSync(join(dir, 'ts/consumer.mts'), consumer)
  await npmInstall(dir, [inject('tarball')])
  writeFileSync(done, '')
  return dir
}

/** A throwaway directory under this run's temporary directory. */
export function tmpSubdir(name: string): string {
  const dir = join(inject('packageTmp'), name)
  mkdirSync(dir, { recursive: true })
  return dir
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
