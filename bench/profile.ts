// npm run bench:profile: a CPU profile of the standalone server under one load of `npm run bench`
// (BENCH_TARGET=success, password or refused; BENCH_SECONDS, 10 by default), written to
// BENCH_PROFILE_DIR (./profiles), with the heaviest functions printed.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { writeBenchFixture } from './fixture.js'
import { passwordNoMfa, recoverySuccess, refused } from './load.js'
import { startEmulator } from './processes.js'

const target = process.env.BENCH_TARGET ?? 'success'
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const dir = resolve(process.env.BENCH_PROFILE_DIR ?? 'profiles', `${target}-${Date.now()}`)
mkdirSync(dir, { recursive: true })
const { path, users } = writeBenchFixture(mkdtempSync(`${tmpdir()}/bench-`), 64)
const server = await startEmulator(['--fixtures', path], {
  node: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
})
const loads: Record<string, (s: number) => ReturnType<typeof refused>> = {
  success: (s) => recoverySuccess(server.url, users, { duration: s }),
  password: (s) => passwordNoMfa(server.url, s),
  refused: (s) => refused(server.url, s),
}
const load = loads[target]
if (!load) throw new Error(`BENCH_TARGET must be one of ${Object.keys(loads).join(', ')}`)
try {
  await load(2)
  const result = await load(seconds)
  console.log(`${target}: ${result.rps} req/s, p99 ${result.p99} ms, ${result.errors} errors`)
} finally {
  await server.stop()
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
if (!file) throw new Error(`no profile written in ${dir}`)
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
  nodes: ProfileNode[]
  samples: number[]
}
const parent = new Map<number, number>()
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id)
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const name = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${n.callFrame.lineNumber + 1}`
/** Who a frame belongs to: Node, the emulator, a dependency, or the VM itself. */
const owner = ({ callFrame: { url, functionName } }: ProfileNode) => {
  if (!url) return functionName.startsWith('(') ? functionName : 'native'
  if (url.startsWith('node:')) return 'node core'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]
  if (pkg) return pkg
  if (url.includes('/dist/vendor/')) return `vendored ${url.replace(/^.*\/dist\/vendor\//, '')}`
  return url.includes('/dist/') ? 'the emulator' : url
}
const self = new Map<string, number>()
const inclusive = new Map<string, number>()
const owners = new Map<string, number>()
for (const sample of profile.samples) {
  const node = byId.get(sample)
  if (!node) continue
  self.set(name(node), (self.get(name(node)) ?? 0) + 1)
  owners.set(owner(node), (owners.get(owner(node)) ?? 0) + 1)
  const seen = new Set<string>()
  for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
    const frame = byId.get(id)
    if (!frame || seen.has(name(frame))) continue
    seen.add(name(frame))
    inclusive.set(name(frame), (inclusive.get(name(frame)) ?? 0) + 1)
  }
}
const top = (counts: Map<string, number>, count = 25) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, v]) => `  ${((100 * v) / profile.samples.length).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n')
console.log(`profile: ${join(dir, file)}`)
console.log(`self time by owner:\n${top(owners, 12)}`)
console.log(`self:\n${top(self)}\ninclusive:\n${top(inclusive)}`)
