// npm run bench:sign: the cost of one RS256 signature of a token-sized payload, in isolation, by
// the ways the emulator could sign: jose over WebCrypto (what it does), and node:crypto with a
// KeyObject, synchronously (main thread) and asynchronously (libuv's thread pool).
import { createPrivateKey, sign, sign as signSync } from 'node:crypto'
import { promisify } from 'node:util'
import { exportPKCS8, generateKeyPair, SignJWT } from 'jose'
import { spread, timeRuns } from './stats.js'

const signAsync = promisify(sign)
const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })
const keyObject = createPrivateKey(await exportPKCS8(privateKey))
const claims = {
  iss: 'https://dev-tenant.local/',
  aud: 'spa-client',
  sub: 'auth0|alice',
  iat: 1_800_000_000,
  exp: 1_800_036_000,
  name: 'alice@example.com',
}
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })
const RUNS = Number(process.env.BENCH_SIGN_RUNS ?? 500)

const ways: [string, () => Promise<unknown>][] = [
  [
    'jose SignJWT over WebCrypto',
    () =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k1' })
        .sign(privateKey),
  ],
  [
    'node:crypto sign, KeyObject, sync',
    async () => {
      const input = `${header}.${b64(claims)}`
      return `${input}.${signSync('sha256', Buffer.from(input), keyObject).toString('base64url')}`
    },
  ],
  [
    'node:crypto sign, KeyObject, async (thread pool)',
    async () => {
      const input = `${header}.${b64(claims)}`
      return `${input}.${(await signAsync('sha256', Buffer.from(input), keyObject)).toString('base64url')}`
    },
  ],
]
for (const [name, fn] of ways) {
  const times = await timeRuns(fn, RUNS, 50)
  console.log(`${name}: ${spread(times, 3)} ms per signature`)
}
for (const [name, fn] of ways) {
  const started = performance.now()
  await Promise.all(Array.from({ length: RUNS }, fn))
  console.log(
    `${name}, ${RUNS} at once: ${((performance.now() - started) / RUNS).toFixed(3)} ms each`,
  )
}
