// npm run build: everything the package ships under dist/.
//
//   dist/index.js, server.js, cli.js, chunk-*.js   ES modules (esbuild, code-split), readable,
//                                                  with source maps into the shipped src/
//   dist/cjs/**/*.cjs                              CommonJS, one file per module, so `.` and
//                                                  `./server` share one copy of every class
//   dist/index.d.ts, server.d.ts (+ .d.cts)        declarations bundled per entry, naming only
//                                                  zod, msw and node:http
//   dist/vendor/                                   the third-party code shipped instead of
//                                                  depended on (minified), and its licences
//
// Runtime dependencies stay external (package.json `dependencies`, the msw peer, Node builtins);
// the packages in VENDORED are bundled once into dist/vendor/ and shared by both formats, so no
// dependency is both installed and bundled. The CLI (`bin`) runs dist/cli.js, the same output.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { rollup } from 'rollup'
import { dts } from 'rollup-plugin-dts'
import ts from 'typescript'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')
const dist = join(root, 'dist')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const require = createRequire(join(root, 'package.json'))

/**
 * Bundled into dist/vendor/ rather than installed. `esm`: also as an ES module for the `.` entry,
 * which must run in browsers (so the browser variants are picked); Node-only ones are CommonJS
 * files that the ES module build imports too. `from`: the module actually bundled.
 */
const VENDORED = {
  // ESM-only upstream: CommonJS consumers (Jest's default runtime) cannot require them.
  jose: { esm: true },
  nanoid: { esm: true },
  otpauth: { esm: true },
  // Only createMiddleware: the package's index also loads express 4 for a server we do not use.
  '@mswjs/http-middleware': { from: '@mswjs/http-middleware/lib/middleware.js' },
  cors: {},
  selfsigned: {},
}

const ENTRIES = {
  index: 'index.ts',
  server: 'server/index.ts',
  verify: 'verify/index.ts',
  cli: 'cli.ts',
}
const CJS_ENTRIES = { index: 'index.ts', server: 'server/index.ts', verify: 'verify/index.ts' }
const external = new Set([
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
])
const builtins = new Set(builtinModules)

const posix = (path) => path.split(sep).join('/')
const relativeSpecifier = (fromDir, to) => {
  const rel = posix(relative(fromDir, to))
  return rel.startsWith('.') ? rel : `./${rel}`
}
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')
const vendorFile = (name, ext) =>
  join(dist, 'vendor', `${name.replace('@', '').replace('/', '-')}${ext}`)

function sourceFiles(dir = src) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** The names the source imports (at run time, not `import type`) from each vendored package. */
function importedNames(files) {
  const names = Object.fromEntries(Object.keys(VENDORED).map((name) => [name, new Set()]))
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
    for (const node of source.statements) {
      const specifier = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
      if (!specifier || !(node.moduleSpecifier.text in VENDORED)) continue
      const used = names[node.moduleSpecifier.text]
      if (!ts.isImportDeclaration(node) || node.importClause?.namespaceBindings) {
        throw new Error(`${file}: only named or default imports of vendored packages are bundled`)
      }
      const clause = node.importClause
      if (!clause || clause.isTypeOnly) continue
      if (clause.name) used.add('default')
      const bindings = clause.namedBindings
      if (bindings && ts.isNamespaceImport(bindings)) {
        throw new Error(`${file}: import * from '${node.moduleSpecifier.text}' cannot be vendored`)
      }
      for (const element of bindings?.elements ?? []) {
        if (!element.isTypeOnly) used.add((element.propertyName ?? element.name).text)
      }
    }
  }
  return names
}

/** The package directories (under node_modules) whose files a build bundled. */
function bundledPackages(metafile, into) {
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(posix(input))
    if (match?.[1]) into.add(join(root, match[1]))
  }
}

async function buildVendor(files) {
  const names = importedNames(files)
  const packages = new Set()
  for (const [name, options] of Object.entries(VENDORED)) {
    const used = [...names[name]]
    if (used.length === 0) throw new Error(`${name} is vendored but no longer imported: drop it`)
    const from = options.from ?? name
    // A default import means a CommonJS package used as a whole (cors): export module.exports.
    const stdin = used.includes('default')
      ? { contents: `module.exports = require(${JSON.stringify(from)})`, loader: 'js' }
      : { contents: `export { ${used.join(', ')} } from ${JSON.stringify(from)}`, loader: 'js' }
    if (used.includes('default') && used.length > 1) {
      throw new Error(`${name}: mixing its default and named imports is not supported here`)
    }
    for (const format of options.esm ? ['esm', 'cjs'] : ['cjs']) {
      const result = await build({
        stdin: { ...stdin, resolveDir: root },
        outfile: vendorFile(name, format === 'esm' ? '.js' : '.cjs'),
        bundle: true,
        format,
        platform: options.esm ? 'browser' : 'node',
        target: options.esm ? 'es2022' : 'node20',
        external: ['msw'],
        minify: true,
        legalComments: 'none',
        metafile: true,
        logLevel: 'warning',
      })
      bundledPackages(result.metafile, packages)
    }
  }
  writeNotices(packages)
}

const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`

function writeNotices(packages) {
  const sections = [...packages].sort().map((dir) => {
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
    let text
    if (licenceFile) {
      text = readFileSync(join(dir, licenceFile), 'utf8').trim()
    } else if (meta.license === 'MIT') {
      // Some packages declare MIT in package.json without shipping the text.
      const author = typeof meta.author === 'string' ? meta.author : meta.author?.name
      text = `(The package ships no licence file; its package.json declares MIT.)\n\nCopyright (c) ${author}\n\n${MIT}`
    } else {
      throw new Error(`${meta.name}: bundled, but ships no licence text to include`)
    }
    return `## ${meta.name}@${meta.version} (${meta.license})\n\n${text}\n`
  })
  writeFileSync(
    join(dist, 'vendor', 'THIRD-PARTY-NOTICES.md'),
    `# Third-party code in dist/vendor/\n\nThe files in this folder bundle the packages below. Their licences follow.\n\n${sections.join('\n')}`,
  )
}

/**
 * Keeps our modules and resolves every import: vendored packages to dist/vendor/, dependencies,
 * the msw peer and Node builtins left to the consumer, our own modules per `local`. An import of
 * anything else (a devDependency) fails the build instead of breaking installs.
 */
function resolvePlugin({ outputDirOf, vendorExt, local, moduleUrl }) {
  return {
    name: 'package-imports',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
        const name = packageName(path)
        if (name in VENDORED) {
          const ext = vendorExt(VENDORED[name])
          if (path !== name) throw new Error(`${importer}: import '${name}' itself, not '${path}'`)
          return {
            path: relativeSpecifier(outputDirOf(importer), vendorFile(name, ext)),
            external: true,
          }
        }
        if (external.has(name) || builtins.has(path.replace(/^node:/, ''))) {
          return { path, external: true }
        }
        throw new Error(`${importer} imports '${path}', which is not a dependency of the package`)
      })
      if (local) b.onResolve({ filter: /^\./ }, local)
      // Code written next to src/ finds files (fixtures/, package.json) relative to its own URL;
      // point that URL at where tsc would have put the module, at the same depth as in src/.
      b.onLoad({ filter: /\.ts$/ }, ({ path }) => {
        const contents = readFileSync(path, 'utf8')
        if (!contents.includes('import.meta.url')) return undefined
        const twin = join(dist, relative(src, path).replace(/\.ts$/, '.js'))
        const rel = JSON.stringify(relativeSpecifier(outputDirOf(path), twin))
        return {
          contents: contents.replaceAll('import.meta.url', `new URL(${rel}, ${moduleUrl}).href`),
          loader: 'ts',
        }
      })
    },
  }
}

async function buildEsm() {
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([k, v]) => [k, join(src, v)])),
    outdir: dist,
    // Flat, so every output sits at one depth and relative paths to vendor/ hold for all chunks.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: false,
    logLevel: 'warning',
    plugins: [
      resolvePlugin({
        outputDirOf: () => dist,
        vendorExt: (options) => (options.esm ? '.js' : '.cjs'),
        moduleUrl: 'import.meta.url',
      }),
    ],
  })
}

async function buildCjs(files) {
  const cjs = join(dist, 'cjs')
  const outputDirOf = (file) => dirname(join(cjs, relative(src, file)))
  const cli = join(src, 'cli')
  await build({
    // The CLI is an ES module only; everything the two library entries can reach is here.
    entryPoints: files.filter((f) => f !== join(src, 'cli.ts') && !f.startsWith(cli + sep)),
    outdir: cjs,
    outbase: src,
    outExtension: { '.js': '.cjs' },
    // Bundling with every import external compiles one file per module and rewrites specifiers.
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    supported: { 'dynamic-import': false },
    // Maps only for the ES build (what debuggers and stack traces mostly meet): the CommonJS copy
    // would double their weight in the package.
    sourcemap: false,
    logLevel: 'warning',
    banner: { js: "'use strict';" },
    plugins: [
      resolvePlugin({
        outputDirOf,
        vendorExt: () => '.cjs',
        // CommonJS has no import.meta: the file's own URL, from __filename.
        moduleUrl: "require('node:url').pathToFileURL(__filename).href",
        // Our modules stay files of their own; data (JSON) is inlined as in the ES build.
        local: ({ path }) =>
          path.endsWith('.js')
            ? { path: path.replace(/\.js$/, '.cjs'), external: true }
            : undefined,
      }),
    ],
  })
}

async function buildDeclarations() {
  const out = join(tmpdir(), `auth0-mfa-emulator-types-${process.pid}`)
  rmSync(out, { recursive: true, force: true })
  try {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
      { cwd: root, stdio: 'inherit' },
    )
    const bundle = await rollup({
      input: Object.fromEntries(
        Object.entries(CJS_ENTRIES).map(([k, v]) => [k, join(out, v.replace(/\.ts$/, '.d.ts'))]),
      ),
      plugins: [dts()],
      // Types that reach no public export (express, jose in internal modules) are dropped.
      external: (id) => !id.startsWith('.') && !id.startsWith('/'),
      onwarn(warning, warn) {
        if (warning.code === 'UNRESOLVED_IMPORT') return
        warn(warning)
      },
    })
    // Twice: .d.ts beside the ES modules, .d.cts (whose imports name .cjs) for CommonJS.
    for (const ext of ['ts', 'cts']) {
      await bundle.write({
        dir: dist,
        format: 'es',
        entryFileNames: `[name].d.${ext}`,
        chunkFileNames: `types-[hash].d.${ext}`,
      })
    }
    await bundle.close()
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

rmSync(dist, { recursive: true, force: true })
mkdirSync(join(dist, 'vendor'), { recursive: true })
const files = sourceFiles()
await buildVendor(files)
await Promise.all([buildEsm(), buildCjs(files)])
await buildDeclarations()
if (!existsSync(join(dist, 'cli.js'))) throw new Error('dist/cli.js was not built')
