import { existsSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, normalize } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, inject, it } from 'vitest'

const packed = inject('packed')
const report = inject('packReport')
const files = new Set(report.files.map((f) => f.path))
const pkg = JSON.parse(readFileSync(join(packed, 'package.json'), 'utf8'))
const read = (path: string) => readFileSync(join(packed, path), 'utf8')

/** The `## name@version` headings of the licence notices of the vendored code. */
function vendoredPackages(): string[] {
  return [...read('dist/vendor/THIRD-PARTY-NOTICES.md').matchAll(/^## (@?[^@\s]+)@/gm)].map(
    (m) => m[1] ?? '',
  )
}

/** Every module the ES entry `start` can load, following relative static and dynamic imports. */
function esmGraph(start: string): { files: string[]; external: string[] } {
  const seen = new Set<string>()
  const external = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = read(file)
    for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)) {
      const specifier = m[1] ?? ''
      if (specifier.startsWith('.')) visit(normalize(join(dirname(file), specifier)))
      else external.add(specifier)
    }
  }
  visit(start)
  return { files: [...seen], external: [...external] }
}

describe('packed package', () => {
  it('stays under 400 kB packed', () => {
    expect(report.size).toBeLessThanOrEqual(400_000)
  })

  it('ships no CLI bundle, no dependency twice and no msw code', () => {
    expect([...files].filter((f) => f.startsWith('dist/bin/'))).toEqual([])
    const installed = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]
    const vendored = vendoredPackages()
    expect(vendored.length).toBeGreaterThan(0)
    expect(vendored.filter((name) => installed.includes(name))).toEqual([])
    expect(
      vendored.filter((name) => name === 'msw' || name.startsWith('@mswjs/interceptors')),
    ).toEqual([])
    expect(pkg.peerDependencies.msw).toMatch(/^\^2\.\d+\.\d+$/)
  })

  it('points no code at a source map it does not ship', () => {
    // Maps are left out to stay under the size budget: none can point at a missing file.
    expect([...files].filter((f) => f.endsWith('.map'))).toEqual([])
    for (const file of [...files].filter((f) => /\.c?js$/.test(f))) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(file))?.[1]
      if (url) expect(files.has(normalize(join(dirname(file), url))), file).toBe(true)
    }
  })

  it('points every export, the bin and main at files it contains, types first', () => {
    const targets: string[] = [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin)]
    for (const [subpath, entry] of Object.entries(pkg.exports)) {
      if (typeof entry === 'string') {
        targets.push(entry)
        continue
      }
      for (const [condition, target] of Object.entries(entry as Record<string, object>)) {
        expect(Object.keys(target)[0], `${subpath} ${condition}`).toBe('types')
        targets.push(...(Object.values(target) as string[]))
      }
    }
    expect(pkg.exports['.'].require.types).toMatch(/\.d\.cts$/)
    expect(pkg.exports['./server'].require.default).toMatch(/\.cjs$/)
    for (const target of targets) expect(files.has(normalize(target)), target).toBe(true)
  })

  it('declares its licence and where it lives', () => {
    expect(files.has('LICENSE')).toBe(true)
    expect(read('LICENSE')).toMatch(/^MIT License/)
    expect(pkg.license).toBe('MIT')
    expect(pkg.repository.url).toContain('github.com/auth0-mfa-emulator/auth0-mfa-emulator')
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/auth0-mfa-emulator\/auth0-mfa-emulator/)
    expect(pkg.bugs.url).toMatch(/\/issues$/)
    expect(files.has('CHANGELOG.md')).toBe(true)
  })

  it('keeps the ES entry `.` free of Node builtins and CommonJS, for browsers', () => {
    const graph = esmGraph('dist/index.js')
    expect(graph.files.filter((f) => f.endsWith('.cjs'))).toEqual([])
    const builtins = new Set(builtinModules)
    expect(graph.external.filter((s) => s.startsWith('node:') || builtins.has(s))).toEqual([])
    expect(graph.external.sort()).toEqual(['msw', 'zod'])
  })

  it('bundles for browsers from the installed `.` entry, as a setupWorker app would', async () => {
    const result = await build({
      entryPoints: [join(packed, 'dist/index.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      external: ['msw', 'zod'],
      write: false,
      logLevel: 'silent',
    })
    expect(result.errors).toEqual([])
    expect(result.outputFiles[0]?.text).toContain('createEmulator')
  })

  it('names no express type in its declarations', () => {
    for (const file of [...files].filter((f) => /\.d\.c?ts$/.test(f))) {
      expect(read(file), file).not.toMatch(/from ['"]express['"]|import\(['"]express['"]\)/)
    }
  })

  it('runs the CLI from the same output as the library', () => {
    expect(pkg.bin['auth0-mfa-emulator']).toBe('dist/cli.js')
    expect(read('dist/cli.js')).toMatch(/^#!\/usr\/bin\/env node/)
    expect(existsSync(join(packed, 'scripts/ci-start.sh'))).toBe(true)
  })
})
