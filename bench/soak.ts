// npm run bench:soak: password grants that answer mfa_required (each mints an mfa_token) from 50
// connections for 60 s against the standalone server, sampling its RSS every 5 s: memory must
// level off (mfa_tokens are capped by count as well as by time).
import autocannon from 'autocannon'
import { startEmulator } from './processes.js'

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60)
const server = await startEmulator([], { node: ['--import', 'tsx'], entry: 'src/cli.ts' })
const samples: number[] = [server.rss()]
const timer = setInterval(() => samples.push(server.rss()), 5000)
try {
  const result = await autocannon({
    url: `${server.url}/oauth/token`,
    connections: 50,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=alice%40example.com&password=Passw0rd%21&client_id=spa-client',
  })
  samples.push(server.rss())
  const mib = (b: number) => (b / 2 ** 20).toFixed(1)
  console.log(
    `${result.requests.total} password grants in ${SECONDS} s (${result.requests.average.toFixed(0)} req/s), ${result.errors + result.timeouts} errors, ${result.non2xx} non-2xx (403 mfa_required expected)`,
  )
  console.log(`RSS MiB every 5 s: ${samples.map(mib).join(' ')}`)
  console.log(
    `RSS start ${mib(samples[0] ?? 0)}, peak ${mib(Math.max(...samples))}, end ${mib(samples.at(-1) ?? 0)} MiB`,
  )
} finally {
  clearInterval(timer)
  await server.stop()
}
process.exit(0)
