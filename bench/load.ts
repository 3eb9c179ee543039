import autocannon from 'autocannon'
import type { BenchUser } from './fixture.js'

/** One load-test result. */
export interface LoadResult {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  total: number
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** Concurrent connections of every load run (`BENCH_CONNECTIONS`, 20 by default). */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)

async function run(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: CONNECTIONS, pipelining: 1, ...options })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  }
}

/**
 * The recovery-code grant's success path: each request takes a user off a pool, redeems its
 * current code, and puts it back with the new one, so every request rotates a real code.
 */
export async function recoverySuccess(
  url: string,
  users: BenchUser[],
  opts: { duration?: number; amount?: number; readCodes?: boolean },
) {
  // A run that ends cuts requests off mid-flight: their codes rotated but the answers were lost.
  // Read every user's current code from the control API before each run (unless the server has
  // none: the stack-limit server takes any code).
  if (opts.readCodes !== false)
    await Promise.all(
      users.map(async (user) => {
        const res = await fetch(`${url}/__emulator/users/${encodeURIComponent(user.userId)}`)
        user.code = ((await res.json()) as { recovery_code: string }).recovery_code
      }),
    )
  const pool = [...users]
  return run({
    url: `${url}/oauth/token`,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 3 }),
    requests: [
      {
        method: 'POST',
        headers: FORM,
        setupRequest(req, context) {
          const user = pool.pop()
          if (!user) throw new Error('the bench needs more users than connections')
          ;(context as { user?: BenchUser }).user = user
          // Built by hand: the load generator shares the machine, so it should spend little CPU.
          req.body = `grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fmfa-recovery-code&client_id=spa-client&mfa_token=${user.mfaToken}&recovery_code=${user.code}`
          return req
        },
        onResponse(status, body, context) {
          const user = (context as { user?: BenchUser }).user
          if (!user) return
          if (status === 200) {
            const at = body.indexOf('"recovery_code":"') + 17
            user.code = body.slice(at, at + 24)
          }
          pool.push(user)
        },
      },
    ],
  })
}

/** The password grant for a user without MFA: tokens straight away. */
export function passwordNoMfa(url: string, duration: number) {
  return run({
    url: `${url}/oauth/token`,
    duration,
    method: 'POST',
    headers: FORM,
    body: 'grant_type=password&username=carol%40example.com&password=Passw0rd%21&client_id=spa-client&scope=openid%20profile%20email',
  })
}

/** A refused request: a wrong recovery code on a valid mfa_token. */
export function refused(url: string, duration: number) {
  return run({
    url: `${url}/oauth/token`,
    duration,
    method: 'POST',
    headers: FORM,
    body: 'grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fmfa-recovery-code&client_id=spa-client&mfa_token=bench-mfa-0&recovery_code=AAAAAAAAAAAAAAAAAAAAAAAA',
  })
}

/** oauth2-mock-server's token endpoint (client credentials, one RS256 JWT per answer). */
export function peerToken(url: string, duration: number) {
  return run({
    url: `${url}/token`,
    duration,
    method: 'POST',
    headers: FORM,
    body: 'grant_type=client_credentials&client_id=bench&scope=openid',
  })
}
