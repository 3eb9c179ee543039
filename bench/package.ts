// npm run bench:package [-- --baseline OLD.tgz]: what installing the package costs a project.
//
// - the packed tarball: size, unpacked size, files;
// - installing it into a project that already has msw: megabytes and packages added;
// - a CI job's path (npm install, start, first /__emulator/health 200), side by side with the
//   same path for oauth2-mock-server, in alternating rounds: in an empty project (msw comes in as
//   the peer) and in a project whose tests already use msw;
// - cold start of the installed binary against bare express + http-middleware + msw.
//
// With --baseline, an older tarball goes through the same steps for a before/after table.
// Installs prefer npm's cache, so both sides pay the same network cost (none once cached).
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { coldStart } from './processes.js'
import { median, spread } from './stats.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    // Which parts to run: tarball (sizes and install weight), cold, ci.
    parts: { type: 'string', default: 'tarball,cold,ci' },
  },
})
const ROUNDS = Number(values.rounds)
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5)
const node = process.execPath
const tmp = mkdtempSync(join(tmpdir(), 'auth0-mfa-emulator-bench-'))

const rows: [string, string][] = []
const row = (what: string, figure: string) => {
  rows.push([what, figure])
  console.log(`  ${what}: ${figure}`)
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--loglevel=error'], { cwd, encoding: 'utf8' })
}

function install(dir: string, packages: string[]) {
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', ...packages], dir)
}

function project(name: string): string {
  const dir = join(tmp, name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), `{ "name": "${name}", "private": true }\n`)
  return dir
}

/** Disk use (du, KiB), apparent bytes and installed packages of a project's node_modules. */
function weight(dir: string) {
  const du = (flag: string) =>
    Number(
      execFileSync('du', [flag, join(dir, 'node_modules')], { encoding: 'utf8' }).split('\t')[0],
    )
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules/.package-lock.json'), 'utf8'))
  return {
    disk: du('-sk') * 1024,
    bytes: du('-sb'),
    packages: Object.keys(lock.packages).filter((p) => p !== '').length,
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`

function packCurrent(): string {
  console.log('build and pack')
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
  const out = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], root)
  const [report] = JSON.parse(out)
  return join(tmp, report.filename)
}

function tarballFigures(label: string, tarball: string) {
  const dir = join(tmp, `unpack-${label}`)
  mkdirSync(dir)
  execFileSync('tar', ['-xzf', tarball, '-C', dir])
  const files = execFileSync('find', [join(dir, 'package'), '-type', 'f'], { encoding: 'utf8' })
    .trim()
    .split('\n')
  const unpacked = Number(
    execFileSync('du', ['-sb', join(dir, 'package')], { encoding: 'utf8' }).split('\t')[0],
  )
  row(
    `${label}: packed / unpacked / files`,
    `${(readFileSync(tarball).length / 1e3).toFixed(0)} kB / ${mb(unpacked)} / ${files.length}`,
  )
}

function installFigures(label: string, tarball: string) {
  const dir = project(`with-msw-${label}`)
  install(dir, [`msw@${pkg.devDependencies.msw}`])
  const before = weight(dir)
  // --legacy-peer-deps only so that an older tarball with a narrower msw range installs too.
  install(dir, [tarball, '--legacy-peer-deps'])
  const after = weight(dir)
  row(
    `${label}: installed into a project with msw (du / bytes / packages added)`,
    `+${mb(after.disk - before.disk)} / +${mb(after.bytes - before.bytes)} / +${after.packages - before.packages}`,
  )
  return join(dir, 'node_modules/.bin/auth0-mfa-emulator')
}

/** A project holding only msw, as a project whose tests already use msw, to copy from. */
function mswProject(): string {
  const dir = project('msw-template')
  install(dir, [`msw@${pkg.devDependencies.msw}`])
  return dir
}

/** npm install, start, first 200: a CI job's path, in milliseconds, from `template` if given. */
async function ciPath(
  name: string,
  template: string | undefined,
  packages: string[],
  [bin, args, path]: [string, string[], string],
) {
  const dir = project(name)
  if (template) cpSync(template, dir, { recursive: true })
  const started = performance.now()
  install(dir, packages)
  const installed = performance.now() - started
  const ms = await coldStart(node, [join(dir, 'node_modules/.bin', bin), ...args], path)
  rmSync(dir, { recursive: true, force: true })
  return { total: installed + ms, installed }
}

async function ciPaths(tarball: string) {
  console.log(`CI job: install, start, first 200 (${ROUNDS} alternating rounds)`)
  const ours: [string, string[], string] = [
    'auth0-mfa-emulator',
    ['--port', '0', '--log', 'silent'],
    '/__emulator/health',
  ]
  const mock: [string, string[], string] = [
    'oauth2-mock-server',
    ['-a', '127.0.0.1', '-p', '0'],
    '/.well-known/openid-configuration',
  ]
  const mockPackage = `oauth2-mock-server@${pkg.devDependencies['oauth2-mock-server']}`
  const template = mswProject()
  for (const [label, from] of [
    ['empty project (msw comes as the peer)', undefined],
    ['project that already has msw', template],
  ] as const) {
    const times = { ours: [] as number[], mock: [] as number[] }
    const installs = { ours: [] as number[], mock: [] as number[] }
    for (let i = 0; i < ROUNDS; i++) {
      const a = await ciPath(`ci-ours-${i}`, from, [tarball], ours)
      const b = await ciPath(`ci-mock-${i}`, from, [mockPackage], mock)
      times.ours.push(a.total)
      installs.ours.push(a.installed)
      times.mock.push(b.total)
      installs.mock.push(b.installed)
    }
    const install = (list: number[]) => `install ${median(list).toFixed(0)}`
    row(
      `CI path, ${label}: auth0-mfa-emulator (ms)`,
      `${spread(times.ours)}, ${install(installs.ours)}`,
    )
    row(
      `CI path, ${label}: oauth2-mock-server (ms)`,
      `${spread(times.mock)}, ${install(installs.mock)}`,
    )
    row(`CI path, ${label}: ratio`, (median(times.ours) / median(times.mock)).toFixed(2))
  }
}

async function coldStarts(bins: [string, string][]) {
  console.log(`cold start to the first 200: ${COLD_RUNS} alternating runs each`)
  const health = '/__emulator/health'
  const times = new Map<string, number[]>([
    ...bins.map(([l]) => [l, []] as [string, number[]]),
    ['bare', []],
  ])
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const [label, bin] of bins) {
      times.get(label)?.push(await coldStart(node, [bin, '--port', '0', '--log', 'silent'], health))
    }
    times.get('bare')?.push(await coldStart(node, [join(root, 'bench/bare-server.mjs')], health))
  }
  const bare = median(times.get('bare') ?? [])
  row('cold start, bare express + http-middleware + msw (ms)', spread(times.get('bare') ?? []))
  for (const [label] of bins) {
    const list = times.get(label) ?? []
    row(`${label}: cold start, installed binary (ms)`, spread(list))
    row(`${label}: cold start ratio to bare`, (median(list) / bare).toFixed(2))
  }
}

try {
  const current = packCurrent()
  const tarballs: [string, string][] = [['now', current]]
  if (values.baseline) tarballs.unshift(['baseline', resolve(values.baseline)])
  console.log(`tarballs: ${tarballs.map(([l, t]) => `${l} ${basename(t)}`).join(', ')}`)
  const parts = new Set(values.parts.split(','))
  const bins: [string, string][] = []
  for (const [label, tarball] of tarballs) {
    if (parts.has('tarball')) tarballFigures(label, tarball)
    if (parts.has('tarball') || parts.has('cold'))
      bins.push([label, installFigures(label, tarball)])
  }
  if (parts.has('cold')) await coldStarts(bins)
  if (parts.has('ci')) await ciPaths(current)
  console.log('\n| what | figure |\n|---|---|')
  for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
