// npm run bench: throughput and latency side by side with oauth2-mock-server, cold start against
// a bare msw server, in-process cost, and memory over a long run. Everything it starts, it stops.
import { mkdtempSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { setupServer } from 'msw/node'
// The built package, as users run it (`npm run bench` builds first).
import { createEmulator } from '../dist/index.js'
import { writeBenchFixture } from './fixture.js'
import { handWrittenHandler } from './hand-written.js'
import {
  CONNECTIONS,
  type LoadResult,
  passwordNoMfa,
  peerToken,
  recoverySuccess,
  refused,
} from './load.js'
import { coldStart, type ServerProcess, startEmulator, startProcess } from './processes.js'
import { median, spread, timeRuns } from './stats.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const LONG_RUN = Number(process.env.BENCH_LONG_RUN ?? 100_000)
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5)
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 10_000)
const root = fileURLToPath(new URL('..', import.meta.url))
const node = process.execPath

const rows: [string, string, string][] = []
const row = (what: string, figure: string, unit: string) => {
  rows.push([what, figure, unit])
  console.log(`  ${what}: ${figure} ${unit}`)
}

/**
 * The throughput targets, run in alternating rounds. The stack-limit server (express +
 * http-middleware + msw + one RS256 signature per answer) gets the same requests as the
 * emulator's success paths, so each ratio compares like with like.
 */
const TARGETS = [
  ['limitSuccess', 'stack limit, recovery-code requests', 'ok'],
  ['success', 'recovery-code success (emulator)', 'ok'],
  ['limit', 'stack limit, password requests', 'ok'],
  ['password', 'password grant, no MFA (emulator)', 'ok'],
  ['refused', 'refused request (emulator)', 'refused'],
  ['peer', 'token endpoint (oauth2-mock-server)', 'ok'],
] as const
type Target = (typeof TARGETS)[number][0]

async function throughput() {
  console.log(
    `throughput: ${ROUNDS} alternating rounds of ${SECONDS} s per target, ${CONNECTIONS} connections`,
  )
  const { path, users } = writeBenchFixture(mkdtempSync(`${tmpdir()}/bench-`), 64)
  const pool = users.map((u) => ({ ...u }))
  const emulator = await startEmulator(['--fixtures', path])
  const peer = await startProcess(node, ['--import', 'tsx', 'bench/peer-server.ts'])
  const limit = await startProcess(node, ['bench/stack-limit-server.mjs'])
  try {
    await recoverySuccess(emulator.url, pool, { amount: WARM_UP })
    await passwordNoMfa(limit.url, 2)
    await recoverySuccess(limit.url, users, { duration: 2, readCodes: false })
    await peerToken(peer.url, 2)
    const rssWarm = emulator.rss()
    const runs: Record<Target, () => Promise<LoadResult>> = {
      limitSuccess: () =>
        recoverySuccess(limit.url, users, { duration: SECONDS, readCodes: false }),
      limit: () => passwordNoMfa(limit.url, SECONDS),
      success: () => recoverySuccess(emulator.url, pool, { duration: SECONDS }),
      password: () => passwordNoMfa(emulator.url, SECONDS),
      refused: () => refused(emulator.url, SECONDS),
      peer: () => peerToken(peer.url, SECONDS),
    }
    const results = Object.fromEntries(
      TARGETS.map(([name]) => [name, [] as LoadResult[]]),
    ) as Record<Target, LoadResult[]>
    const serverOf: Record<Target, ServerProcess> = {
      limitSuccess: limit,
      limit,
      success: emulator,
      password: emulator,
      refused: emulator,
      peer,
    }
    // The CPU the server's main thread spent per request: its own work, which the signatures on
    // libuv's pool and the load generator (sharing the cores) do not blur as they blur req/s.
    const mainUs = new Map<LoadResult, number>()
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name] of TARGETS) {
        const before = serverOf[name].cpu().main
        const result = await runs[name]()
        mainUs.set(result, ((serverOf[name].cpu().main - before) * 1000) / result.total)
        results[name].push(result)
      }
    }
    const cpuOf = (r: LoadResult) => mainUs.get(r) ?? Number.NaN
    const p99 = (name: Target) => median(results[name].map((r) => r.p99))
    // Each emulator figure against the stack limit driven by the same requests, run right before
    // it: a ratio per round, then their median, so the machine's drift between rounds cancels.
    const baseOf = (name: Target): Target => (name === 'success' ? 'limitSuccess' : 'limit')
    const paired = (name: Target, measure: (r: LoadResult) => number) =>
      median(
        results[name].map((r, i) => measure(r) / measure(results[baseOf(name)][i] as LoadResult)),
      )
    for (const [name, label, expected] of TARGETS) {
      const list = results[name]
      const ratio = name.startsWith('limit')
        ? ''
        : ` (${paired(name, (r) => r.rps).toFixed(2)}× the stack limit)`
      row(`${label} throughput`, `${spread(list.map((r) => r.rps))}${ratio}`, 'req/s')
      row(`${label} latency p50 / p99`, `${median(list.map((r) => r.p50))} / ${p99(name)}`, 'ms')
      const cpuRatio = name.startsWith('limit') ? '' : ` (${paired(name, cpuOf).toFixed(2)}×)`
      row(
        `${label} main-thread CPU per request`,
        `${median(list.map(cpuOf)).toFixed(0)}${cpuRatio}`,
        'µs',
      )
      const bad = list.reduce((n, r) => n + r.errors + (expected === 'ok' ? r.non2xx : 0), 0)
      row(`${label} errors`, String(bad), `of ${list.reduce((n, r) => n + r.total, 0)}`)
    }
    const errors = (...names: Target[]) =>
      names.reduce((n, name) => n + results[name].reduce((m, r) => m + r.errors + r.non2xx, 0), 0)
    console.log(`memory: ${LONG_RUN} recovery-code redemptions`)
    const long = await recoverySuccess(emulator.url, pool, { amount: LONG_RUN })
    const rssAfter = emulator.rss()
    row(`RSS after a ${WARM_UP}-request warm-up`, (rssWarm / 2 ** 20).toFixed(1), 'MiB')
    row(
      `RSS after ${LONG_RUN} more requests`,
      (rssAfter / 2 ** 20).toFixed(1),
      `MiB (${long.errors + long.non2xx} errors)`,
    )
    return {
      success: paired('success', (r) => r.rps),
      successP99: paired('success', (r) => r.p99),
      password: paired('password', (r) => r.rps),
      passwordP99: paired('password', (r) => r.p99),
      successCpu: paired('success', cpuOf),
      passwordCpu: paired('password', cpuOf),
      peer: paired('peer', (r) => r.rps),
      errors: errors('success', 'password', 'limit', 'limitSuccess'),
      rssRatio: rssAfter / rssWarm,
    }
  } finally {
    await emulator.stop()
    await peer.stop()
    await limit.stop()
  }
}

async function coldStarts() {
  console.log(`cold start to the first 200: ${COLD_RUNS} alternating runs each`)
  const times: Record<string, number[]> = { compiled: [], npm: [], bare: [] }
  const health = '/__emulator/health'
  for (let i = 0; i < COLD_RUNS; i++) {
    times.compiled?.push(
      await coldStart(node, ['dist/cli.js', '--port', '0', '--log', 'silent'], health),
    )
    times.bare?.push(await coldStart(node, ['bench/bare-server.mjs'], health))
    times.npm?.push(
      await coldStart('npm', ['start', '--silent', '--', '--port', '0', '--log', 'silent'], health),
    )
  }
  row('cold start, compiled CLI (node dist/cli.js)', spread(times.compiled ?? []), 'ms')
  row('cold start, npm start (tsx)', spread(times.npm ?? []), 'ms')
  row('cold start, bare express + http-middleware + msw', spread(times.bare ?? []), 'ms')
  return {
    compiled: median(times.compiled ?? []),
    ratio: median(times.compiled ?? []) / median(times.bare ?? []),
  }
}

/**
 * One in-process redemption through the emulator against the same through a hand-written signed
 * handler, in alternating rounds in this process.
 */
async function redemptionAgainstHandWritten(
  server: ReturnType<typeof setupServer>,
  emulator: ReturnType<typeof createEmulator>,
  post: (body: Record<string, string>) => Promise<Record<string, string>>,
) {
  const hand = await handWrittenHandler('K6LGLV3RSH3VERMKET8L7QKU')
  const redeem = async (code: string, mfaToken: string) => {
    const done = await post({
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
      client_id: 'spa-client',
      mfa_token: mfaToken,
      recovery_code: code,
    })
    if (!done.recovery_code) throw new Error(`redemption failed: ${JSON.stringify(done)}`)
  }
  const ours: number[] = []
  const theirs: number[] = []
  for (let round = 0; round < ROUNDS * 2; round++) {
    server.resetHandlers(...emulator.handlers)
    // The mfa_tokens are minted before the clock starts: the hand-written handler has none to check.
    const mfaTokens = await Promise.all(
      Array.from({ length: 110 }, () =>
        emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' }),
      ),
    )
    ours.push(
      ...(await timeRuns(
        () => redeem(emulator.currentRecoveryCode('auth0|alice') ?? '', mfaTokens.pop() ?? ''),
        100,
      )),
    )
    server.resetHandlers(hand.handler)
    theirs.push(...(await timeRuns(() => redeem(hand.current(), 'x'), 100)))
  }
  row('one redemption in-process, emulator', spread(ours, 2), 'ms')
  row('one redemption in-process, hand-written signed msw handler', spread(theirs, 2), 'ms')
  return { redemptionRatio: median(ours) / median(theirs) }
}

async function inProcess() {
  console.log('in-process')
  const create = await timeRuns(() => createEmulator(), 200)
  row('createEmulator() with the default fixture', spread(create, 2), 'ms')
  const emulator = createEmulator()
  const server = setupServer(...emulator.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  const post = async (body: Record<string, string>) => {
    const res = await fetch('https://dev-tenant.local/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body),
    })
    return (await res.json()) as Record<string, string>
  }
  const flow = async () => {
    const { mfa_token = '' } = await post({
      grant_type: 'password',
      username: 'alice@example.com',
      password: 'Passw0rd!',
      client_id: 'spa-client',
      scope: 'openid profile email',
    })
    const done = await post({
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
      client_id: 'spa-client',
      mfa_token,
      recovery_code: emulator.currentRecoveryCode('auth0|alice') ?? '',
    })
    if (!done.recovery_code) throw new Error(`flow failed: ${JSON.stringify(done)}`)
  }
  const flows = await timeRuns(flow, 300, 30)
  row(
    'full flow through setupServer (password → mfa_required → recovery code)',
    spread(flows, 2),
    'ms',
  )
  const redemption = await redemptionAgainstHandWritten(server, emulator, post)
  server.close()
  const perTest = await timeRuns(() => {
    const e = createEmulator()
    e.reset()
  }, 200)
  row('createEmulator() + reset(), as per test', spread(perTest, 2), 'ms')
  return { create: median(create), flow: median(flows), perTest: median(perTest), ...redemption }
}

process.chdir(root)
console.log(
  `auth0-mfa-emulator bench on node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
)
// In-process first, in a fresh process, as a test suite would see it.
// BENCH_ONLY=in-process (or throughput, cold-start; comma-separated) runs only those sections.
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean)
const wanted = (name: string) => !only.length || only.includes(name)
const local = wanted('in-process') ? await inProcess() : undefined
const load = wanted('throughput') ? await throughput() : undefined
const cold = wanted('cold-start') ? await coldStarts() : undefined

const goal = (ok: boolean) => (ok ? 'met' : 'NOT met')
console.log('\n| measure | median (min–max) | unit |\n| --- | --- | --- |')
for (const [what, figure, unit] of rows) console.log(`| ${what} | ${figure} | ${unit} |`)
const ratios: [string, string, string, boolean | undefined][] = []
if (load) {
  ratios.push(
    [
      'recovery-code success throughput ÷ stack limit',
      `${load.success.toFixed(2)}×`,
      '≥ 0.97×',
      load.success >= 0.97,
    ],
    [
      'recovery-code success p99 ÷ stack limit p99',
      `${load.successP99.toFixed(2)}×`,
      '≤ 1.1×',
      load.successP99 <= 1.1,
    ],
    [
      'password grant throughput ÷ stack limit',
      `${load.password.toFixed(2)}×`,
      '≥ 0.97×',
      load.password >= 0.97,
    ],
    [
      'password grant p99 ÷ stack limit p99',
      `${load.passwordP99.toFixed(2)}×`,
      '≤ 1.1×',
      load.passwordP99 <= 1.1,
    ],
    [
      'errors on the success paths and the stack limit',
      String(load.errors),
      '0',
      load.errors === 0,
    ],
    [
      'recovery-code success main-thread CPU per request ÷ stack limit',
      `${load.successCpu.toFixed(2)}×`,
      'for information',
      undefined,
    ],
    [
      'password grant main-thread CPU per request ÷ stack limit',
      `${load.passwordCpu.toFixed(2)}×`,
      'for information',
      undefined,
    ],
    [
      'oauth2-mock-server throughput ÷ stack limit (reference)',
      `${load.peer.toFixed(2)}×`,
      'for information',
      undefined,
    ],
    [
      'RSS after long run ÷ after warm-up',
      `${load.rssRatio.toFixed(2)}×`,
      '≤ 1.15×',
      load.rssRatio <= 1.15,
    ],
  )
}
if (cold) {
  ratios.push([
    'compiled cold start ÷ bare msw server',
    `${cold.ratio.toFixed(2)}×`,
    '≤ 0.9×',
    cold.ratio <= 0.9,
  ])
}
if (local) {
  ratios.push(
    [
      'in-process redemption ÷ hand-written signed handler',
      `${local.redemptionRatio.toFixed(2)}×`,
      '≤ 1.1×',
      local.redemptionRatio <= 1.1,
    ],
    [
      'createEmulator() + reset() per test',
      `${local.perTest.toFixed(2)} ms`,
      '≤ 0.5 ms',
      local.perTest <= 0.5,
    ],
  )
}
console.log('\n| ratio | value | goal |\n| --- | --- | --- |')
for (const [what, value, target, ok] of ratios)
  console.log(`| ${what} | ${value} | ${ok === undefined ? target : `${target}: ${goal(ok)}`} |`)
process.exit(0)
