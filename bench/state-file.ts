// npm run bench:state-file: the recovery-code success path on a tenant of 50,000 users, with and
// without --state-file, in alternating rounds. Every change is written durably before its answer.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeBenchFixture } from './fixture.js'
import { type LoadResult, recoverySuccess } from './load.js'
import { startEmulator } from './processes.js'
import { median } from './stats.js'

const USERS = Number(process.env.BENCH_USERS ?? 50_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)

const dir = mkdtempSync(join(tmpdir(), 'bench-state-'))
const { path, users } = writeBenchFixture(dir, USERS)
const pool = users.slice(0, 64).map((u) => ({ ...u }))
const cli = (extra: string[]) =>
  startEmulator(['--fixtures', path, ...extra], { node: ['--import', 'tsx'], entry: 'src/cli.ts' })

console.log(`state file bench: ${USERS} users, ${ROUNDS} alternating rounds of ${SECONDS} s`)
const memory = await cli([])
const durable = await cli(['--state-file', join(dir, 'state.json')])
const results: Record<'memory' | 'durable', LoadResult[]> = { memory: [], durable: [] }
try {
  await recoverySuccess(memory.url, pool, { amount: 500 })
  await recoverySuccess(durable.url, pool, { amount: 500 })
  for (let round = 0; round < ROUNDS; round++) {
    results.memory.push(await recoverySuccess(memory.url, pool, { duration: SECONDS }))
    results.durable.push(await recoverySuccess(durable.url, pool, { duration: SECONDS }))
  }
} finally {
  await memory.stop()
  await durable.stop()
}
for (const [name, list] of Object.entries(results)) {
  const rps = median(list.map((r) => r.rps))
  const p50 = median(list.map((r) => r.p50))
  const p99 = median(list.map((r) => r.p99))
  const bad = list.reduce((n, r) => n + r.errors + r.non2xx, 0)
  console.log(`  ${name}: ${rps.toFixed(0)} req/s, p50 ${p50} ms, p99 ${p99} ms, ${bad} errors`)
}
const ratio = median(results.durable.map((r) => r.rps)) / median(results.memory.map((r) => r.rps))
console.log(`with --state-file ÷ in memory: ${ratio.toFixed(2)}× (goal ≥ 0.5×)`)
process.exit(0)
