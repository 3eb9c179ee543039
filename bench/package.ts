// npm run bench:package [-- --baseline OLD.tgz]: what installing the package costs a project.
//
// - the packed tarball: size, unpacked size, files;
// - installing it into a project that already has msw: megabytes and packages added;
// - a fresh CI job's path (npm install, start, first /__emulator/health 200), side by side with
//   the same path for oauth2-mock-server, in alternating rounds;
// - cold start of the installed binary against bare express + http-middleware + msw.
//
// With --baseline, an older tarball goes through the same steps for a before/after table.
// Installs prefer npm's cache, so both sides pay the same network cost (none once cached).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { coldStart } from './processes.js'
import { median, spread } from './stats.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const { values } = parseArgs({
  options: { baseline: { type: 'string' }, rounds: { type: 'string', default: '3' } },
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

/** npm install, start, first 200: a fresh CI job's path, in milliseconds. */
async function ciPath(name: string, packages: string[], bin: string, args: string[], path: string) {
  const dir = project(name)
  const started = performance.now()
  install(dir, packages)
  const installed = performance.now() - started
  const ms = await coldStart(node, [join(dir, 'node_modules/.bin', bin), ...args], path)
  rmSync(dir, { recursive: true, force: true })
  return { total: installed + ms, installed }
}

async function ciPaths(tarball: string) {
  console.log(`fresh CI job: install, start, first 200 (${ROUNDS} alternating rounds)`)
  const ours: number[] = []
  const ourInstall: number[] = []
  const peer: number[] = []
  const peerInstall: number[] = []
  const mock = `oauth2-mock-server@${pkg.devDependencies['oauth2-mock-server']}`
  for (let i = 0; i < ROUNDS; i++) {
    const a = await ciPath(
      `ci-ours-${i}`,
      [tarball],
      'auth0-mfa-emulator',
      ['--port', '0', '--log', 'silent'],
      '/__emulator/health',
    )
    const b = await ciPath(
      `ci-peer-${i}`,
      [mock],
      'oauth2-mock-server',
      ['-a', '127.0.0.1', '-p', '0'],
      '/.well-known/openid-configuration',
    )
    ours.push(a.total)
    ourInstall.push(a.installed)
    peer.push(b.total)
    peerInstall.push(b.installed)
  }
  row(
    'CI path, auth0-mfa-emulator + msw (ms)',
    `${spread(ours)} (install ${median(ourInstall).toFixed(0)})`,
  )
  row(
    'CI path, oauth2-mock-server (ms)',
    `${spread(peer)} (install ${median(peerInstall).toFixed(0)})`,
  )
  row('CI path ratio (ours / oauth2-mock-server)', (median(ours) / median(peer)).toFixed(2))
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
  const bins: [string, string][] = []
  for (const [label, tarball] of tarballs) {
    tarballFigures(label, tarball)
    bins.push([label, installFigures(label, tarball)])
  }
  await coldStarts(bins)
  await ciPaths(current)
  console.log('\n| what | figure |\n|---|---|')
  for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
