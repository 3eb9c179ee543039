import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { expectSuccess, npmInstall, ROOT, run, tmpSubdir } from './support.js'

// The ends of the msw peer range. The newest is the consumer project's msw (the repository's
// own); the lowest is installed here next to the packed package.
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const consumers = JSON.parse(
  readFileSync(join(ROOT, 'test/consumers/project/package.json'), 'utf8'),
)
const lowest = /^\^(\d+\.\d+\.\d+)$/.exec(pkg.peerDependencies.msw)?.[1] ?? ''
// The package's declarations need TypeScript 5.4 or newer (zod 4's use `NoInfer`), and msw
// before 2.2.3 refuses TypeScript past 5.3 as a peer: TypeScript projects start at 2.2.3.
const lowestTyped = '2.2.3'

/** A project with the packed package, `msw@version` and `others`, and the consumer tests. */
async function project(version: string, others: string[] = []) {
  const dir = tmpSubdir(`msw-${version}`)
  writeFileSync(join(dir, 'package.json'), '{ "name": "msw-range", "private": true }\n')
  for (const part of ['node-test', 'recovery-flow.cjs', 'ts']) {
    cpSync(join(ROOT, 'test/consumers/project', part), join(dir, part), { recursive: true })
  }
  const consumer = readFileSync(join(dir, 'ts/consumer.ts'), 'utf8')
  writeFileSync(join(dir, 'ts/consumer.cts'), consumer)
  writeFileSync(join(dir, 'ts/consumer.mts'), consumer)
  await npmInstall(dir, [inject('tarball'), `msw@${version}`, ...others])
  const installed = JSON.parse(readFileSync(join(dir, 'node_modules/msw/package.json'), 'utf8'))
  expect(installed.version).toBe(version)
  return dir
}

describe('msw peer range', () => {
  it('is tested at its newest by the consumer project', () => {
    expect(consumers.devDependencies.msw).toBe(pkg.devDependencies.msw)
    expect(lowest).toMatch(/^2\./)
  })

  it(`redeems a recovery code with the lowest msw it accepts (${lowest})`, async () => {
    const dir = await project(lowest)
    const tests = expectSuccess(
      await run(process.execPath, ['--test', 'node-test/'], { cwd: dir }),
      `node --test with msw ${lowest}`,
    )
    expect(tests.stdout).toMatch(/^# pass 6$/m)
  })

  it(`type-checks with the lowest msw a TypeScript 5.4+ project can install (${lowestTyped})`, async () => {
    const tools = ['typescript', '@types/node'].map((n) => `${n}@${consumers.devDependencies[n]}`)
    const dir = await project(lowestTyped, tools)
    for (const config of ['nodenext', 'bundler']) {
      expectSuccess(
        await run(
          process.execPath,
          ['node_modules/typescript/bin/tsc', '-p', `ts/tsconfig.${config}.json`],
          { cwd: dir },
        ),
        `tsc ${config} with msw ${lowestTyped}`,
      )
    }
  })
})
