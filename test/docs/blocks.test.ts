import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { parseCli } from '../../src/cli/args.js'
import { splitExecArgs } from '../../src/cli/exec-args.js'
import { parseFixtureFile } from '../../src/config/parse.js'
import { CLI_BINARY } from '../support/cli.js'
import { run } from '../support/run.js'
import { allBlocks, type Block, ROOT, sameAs, shellWords } from './blocks.js'

// Every code block of the README and docs/ as a user pastes it: JSON parses (and fixtures
// validate), TypeScript and JavaScript type-check against the built package, blocks marked
// `run` run, command lines are accepted by the CLI, and copies of tested files stay copies.
const blocks = allBlocks()
const where = (b: Block) => `${b.file}:${b.line}`
const shown = blocks.filter((b) => !b.markers.includes('excerpt'))

/**
 * A project outside the repository that sees the package by its name (the built dist/, through
 * its exports map) and the repository's dependencies, as an installed project would.
 */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docs-blocks-'))
  const modules = join(dir, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name.startsWith('.')) continue
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name))
  }
  symlinkSync(ROOT, join(modules, 'auth0-mfa-emulator'))
  // `npx auth0-mfa-emulator` and `auth0-mfa-emulator` run the built CLI.
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  const cli = `exec "${process.execPath}" "${CLI_BINARY}"`
  writeFileSync(join(bin, 'auth0-mfa-emulator'), `#!/bin/sh\n${cli} "$@"\n`, { mode: 0o755 })
  writeFileSync(
    join(bin, 'npx'),
    `#!/bin/sh\n[ "$1" = auth0-mfa-emulator ] || exit 127\nshift\n${cli} "$@"\n`,
    { mode: 0o755 },
  )
  return dir
}

const dir = project()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fileName = (b: Block, ext: string) =>
  join(dir, `${b.file.replace(/[/.]/g, '_')}-${b.line}.${ext}`)

/** The command lines of a shell block that run the CLI (continuation lines joined). */
function cliLines(code: string): string[][] {
  // Leading VAR=value words are the command's environment; npx runs the installed binary.
  return code
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map(shellWords)
    .map((words) => {
      const start = words.findIndex((w) => !/^\w+=/.test(w))
      const command = start === -1 ? [] : words.slice(start)
      const [first, ...rest] = command[0] === 'npx' ? command.slice(1) : command
      return first === 'auth0-mfa-emulator' || first?.endsWith('/auth0-mfa-emulator')
        ? rest
        : undefined
    })
    .filter((args) => args !== undefined)
}

describe('code blocks of the README and docs/', () => {
  it('are found', () => {
    expect(blocks.filter((b) => b.lang === 'ts').length).toBeGreaterThan(5)
  })

  it('have no jsonc blocks: fixtures are strict JSON', () => {
    expect(blocks.filter((b) => b.lang === 'jsonc').map(where)).toEqual([])
  })

  it.each(shown.filter((b) => b.lang === 'json').map((b) => [where(b), b] as const))(
    '%s parses as JSON, and validates when it is a fixture',
    (_, block) => {
      const lines = block.code.trim().split('\n')
      // One JSON value per line (JSON Lines), or one value.
      const values = lines.every((l) => l.startsWith('{') && l.endsWith('}'))
        ? lines.map((l) => JSON.parse(l))
        : [JSON.parse(block.code)]
      for (const value of values) {
        if (value && typeof value === 'object' && 'tenant' in value) {
          expect(() => parseFixtureFile(value, where(block))).not.toThrow()
        }
      }
    },
  )

  it.each(blocks.filter((b) => sameAs(b)).map((b) => [where(b), b] as const))(
    '%s is the tested file it names',
    (_, block) => {
      expect(block.code).toBe(readFileSync(join(ROOT, sameAs(block) ?? ''), 'utf8'))
    },
  )

  it('type-check as TypeScript and JavaScript against the built package', () => {
    // Copies of tested files are checked where those files run (the consumer projects).
    const code = shown.filter((b) => ['ts', 'js'].includes(b.lang) && !sameAs(b))
    const files = code.map((b) => {
      const file = fileName(b, b.lang === 'ts' ? 'mts' : 'mjs')
      // A block without imports is a script to TypeScript; as a module it may use top-level await.
      writeFileSync(file, `${b.code}export {}\n`)
      return file
    })
    const program = ts.createProgram(files, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      customConditions: ['module-sync'],
      strict: true,
      allowJs: true,
      checkJs: true,
      noEmit: true,
      skipLibCheck: true,
    })
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n')
      const index = d.file ? files.indexOf(d.file.fileName) : -1
      const block = code[index]
      if (!block || !d.file || d.start === undefined) return text
      const { line } = d.file.getLineAndCharacterOfPosition(d.start)
      return `${block.file}:${block.line + 1 + line}: ${text}`
    })
    expect(problems).toEqual([])
  }, 120_000)

  it.each(blocks.filter((b) => b.markers.includes('run')).map((b) => [where(b), b] as const))(
    '%s runs as pasted',
    async (_, block) => {
      const env = { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, PORT: '' }
      const script = fileName(block, 'test.mjs')
      if (block.lang === 'js') writeFileSync(script, block.code)
      const result =
        block.lang === 'js'
          ? await run(process.execPath, ['--test', script], { cwd: dir, env })
          : await run('bash', ['-e', '-o', 'pipefail', '-c', block.code], { cwd: dir, env })
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 })
    },
    120_000,
  )

  it.each(shown.filter((b) => b.lang === 'sh').map((b) => [where(b), b] as const))(
    '%s is valid shell, and its command lines are ones the CLI accepts',
    async (_, block) => {
      const syntax = await run('bash', ['-n', '-c', block.code], { cwd: dir })
      expect(syntax.stderr).toBe('')
      for (const args of cliLines(block.code)) {
        if (args[0] === 'verify') continue
        if (args[0] === 'exec') {
          const { serverArgv } = splitExecArgs(args.slice(1))
          expect(() => parseCli(serverArgv, {})).not.toThrow()
        } else {
          expect(() => parseCli(args, {})).not.toThrow()
        }
      }
    },
  )

  it('show the ready line as the CLI prints it', () => {
    const shownLines = blocks.flatMap((b) =>
      b.code.split('\n').filter((l) => l.startsWith('auth0-mfa-emulator listening on')),
    )
    expect(shownLines.length).toBeGreaterThan(0)
    for (const line of shownLines) {
      expect(line).toMatch(
        /^auth0-mfa-emulator listening on (\S+) \(tenant \S+, fixtures \S+, scenarios: [^)]+\); inspector \1\/__emulator\/$/,
      )
    }
  })
})
