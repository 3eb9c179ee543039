import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../../src/', import.meta.url))

/**
 * The layers a request travels through, top to bottom. A module may import from its own layer or
 * any layer below it, never from one above.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['cli.ts', 'cli'],
  ['server', 'verify'],
  ['emulator.ts', 'index.ts'],
  ['endpoints'],
  ['http'],
  ['domain'],
  ['config', 'contract', 'tokens', 'scenarios', 'support'],
]

/** The layer of a file under `src/` (0 is the top), by its first path segment. */
function layerOf(file: string): number {
  const first = relative(SRC, file).split(/[\\/]/)[0] ?? ''
  const index = LAYERS.findIndex((names) => names.includes(first))
  if (index < 0) throw new Error(`src/${first} belongs to no layer: add it to LAYERS`)
  return index
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g

/** Every relative import of `text` that climbs to a layer above `file`'s. */
function upwardImports(file: string, text: string): string[] {
  const out: string[] = []
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? ''
    const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts')
    if (!target.startsWith(SRC)) continue
    if (layerOf(target) < layerOf(file)) {
      out.push(`src/${relative(SRC, file)} imports ${specifier} (src/${relative(SRC, target)})`)
    }
  }
  return out
}

// Writes to the state a domain operation owns: store maps, and the fields of users, tokens and
// challenges. Outside `domain/` these may be read, never written.
const STATE_WRITE = [
  /\bstore\.\w+\.(?:set|delete|clear)\(/,
  /\bstore\.\w+\s*(?:=|\+=|-=)(?!=)/,
  /\.(?:recoveryCode|recoveryCodeId|recoveryCodeCreatedAt|createdAt|authenticators|active|used|blocked|mfaRequired|expiresAt|evicted|writesSinceSweep)\s*(?:=|\+=|-=)(?!=)/,
]

/** The lines of `text` that write domain state. */
function stateWrites(text: string): string[] {
  return text.split('\n').filter((line) => STATE_WRITE.some((pattern) => pattern.test(line)))
}

describe('architecture', () => {
  const files = sourceFiles(SRC)

  it('places every source file in a layer', () => {
    for (const file of files) expect(() => layerOf(file)).not.toThrow()
  })

  it('imports only from the same layer or the layers below', () => {
    const violations = files.flatMap((file) => upwardImports(file, readFileSync(file, 'utf8')))
    expect(violations).toEqual([])
  })

  it('writes state only in domain/', () => {
    const writes = files
      .filter((file) => layerOf(file) !== LAYERS.findIndex((l) => l.includes('domain')))
      .flatMap((file) =>
        stateWrites(readFileSync(file, 'utf8')).map((line) => `${relative(SRC, file)}: ${line}`),
      )
    expect(writes).toEqual([])
  })

  it('catches an import from a layer above and a state write outside domain/', () => {
    const domainFile = join(SRC, 'domain', 'example.ts')
    expect(upwardImports(domainFile, "import { x } from '../endpoints/mfa/routes.js'")).toEqual([
      'src/domain/example.ts imports ../endpoints/mfa/routes.js (src/endpoints/mfa/routes.ts)',
    ])
    expect(upwardImports(domainFile, "import type { Y } from '../config/schema.js'")).toEqual([])
    expect(stateWrites('    user.recoveryCode = code')).toHaveLength(1)
    expect(stateWrites('    tenant.store.mfaTokens.delete(token)')).toHaveLength(1)
    expect(stateWrites('    if (user.recoveryCode === null) return')).toEqual([])
  })
})
