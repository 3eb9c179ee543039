import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { consumerProject, expectSuccess, run } from './support.js'

// The packed package in one project, as users install it, under each runner and module system.
let dir = ''
beforeAll(async () => {
  dir = await consumerProject()
})

const jest = (config: string) =>
  run(process.execPath, ['node_modules/jest/bin/jest.js', '--ci', '-c', config], { cwd: dir })

describe('consumer projects', () => {
  it('redeems a recovery code under node:test in CommonJS and as ES modules', async () => {
    const result = expectSuccess(
      await run(process.execPath, ['--test', 'node-test/'], { cwd: dir }),
      'node --test',
    )
    // Two files of two tests each, and docs/library.md's recipe (two more).
    expect(result.stdout).toMatch(/^# pass 6$/m)
    expect(result.stdout).toMatch(/^# fail 0$/m)
  })

  it("redeems a recovery code under Jest 30's CommonJS runtime", async () => {
    const result = expectSuccess(await jest('jest-node/jest.config.js'), 'jest (node)')
    expect(result.stderr).toMatch(/Tests:\s+2 passed, 2 total/)
  })

  it.each([
    ['node', 'jest-ts/jest.config.js'],
    ['jest-fixed-jsdom', 'jest-ts/jest.jsdom.config.js'],
  ])("runs docs/library.md's TypeScript test under Jest 30 in CommonJS (%s)", async (_, config) => {
    const result = expectSuccess(await jest(config), `jest ${config}`)
    expect(result.stderr).toMatch(/Tests:\s+2 passed, 2 total/)
  })

  it('redeems a recovery code under Jest with jest-fixed-jsdom and WebCrypto', async () => {
    const result = expectSuccess(await jest('jest-jsdom/jest.config.js'), 'jest (jsdom)')
    expect(result.stderr).toMatch(/Tests:\s+1 passed, 1 total/)
  })

  it('names the missing WebCrypto under jsdom without the setup file', async () => {
    const result = expectSuccess(
      await jest('jest-jsdom/without-webcrypto.config.js'),
      'jest (jsdom without WebCrypto)',
    )
    expect(result.stderr).toMatch(/Tests:\s+1 passed, 1 total/)
  })

  it.each(['nodenext', 'bundler'])(
    'type-checks setupServer, startServer and createApp (%s) without @types/express',
    async (config) => {
      expect(existsSync(join(dir, 'node_modules/@types/express'))).toBe(false)
      expectSuccess(
        await run(
          process.execPath,
          ['node_modules/typescript/bin/tsc', '-p', `ts/tsconfig.${config}.json`],
          { cwd: dir },
        ),
        `tsc ${config}`,
      )
    },
  )
})
