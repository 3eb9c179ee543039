import type { RunContext } from './context.js'
import { sealedExpiry } from './iron.js'
import { mfaTokenOf, tenantLoginProblem } from './login.js'
import { RateLimited } from './problem.js'
import { listAuthenticators, loginRequest } from './requests.js'
import type { Answer } from './wire.js'

/** The tenant's mfa_token lifetime, and a token of that login that has expired if the run waited. */
export type Lifetime =
  | {
      kind: 'known'
      seconds: number
      /** How far off the measurement may be. */
      toleranceSeconds: number
      how: string
      /** A token that has expired by now, when the run could wait for it. */
      expiredToken: string | undefined
    }
  | { kind: 'unknown'; reason: string }

const POLLS = 30

/**
 * Seconds from the answer's `Date` or its arrival to `expiry`. `Date` is the answer's second,
 * cut to whole seconds and stamped after the token was minted, so `expiry - Date` lies in
 * [lifetime, lifetime + 1): floor it, with no rounding up (a token minted in a second's last
 * moments would otherwise read one second long). Without `Date`, the arrival is rounded.
 */
function secondsUntil(expiry: number, answer: Answer): number {
  const date = Date.parse(answer.headers.date ?? '')
  if (Number.isNaN(date)) return Math.round((expiry - answer.receivedAt) / 1000)
  return Math.floor((expiry - date) / 1000)
}

/** Polls `GET /mfa/authenticators` with the token until it stops working, within the wait. */
async function pollUntilExpired(ctx: RunContext, token: string, login: Answer): Promise<Lifetime> {
  const wait = ctx.settings.expiryWaitSeconds
  const interval = Math.min(2000, Math.max(250, (wait * 1000) / POLLS))
  const issued = (login.sentAt + login.receivedAt) / 2
  let lastOk = login.receivedAt
  while (Date.now() - issued < wait * 1000) {
    await ctx.sleep(interval)
    let poll: Answer
    try {
      poll = await ctx.tenant.send(listAuthenticators(token))
    } catch (err) {
      if (err instanceof RateLimited) return { kind: 'unknown', reason: err.message }
      throw err
    }
    if (poll.status === 200) {
      lastOk = poll.sentAt
      continue
    }
    // The token worked at `low` seconds and not at `high`: take the first whole second after `low`.
    const low = (lastOk - issued) / 1000
    const high = (poll.receivedAt - issued) / 1000
    const whole = Math.floor(low) + 1 <= high ? Math.floor(low) + 1 : Math.round(high)
    return {
      kind: 'known',
      seconds: Math.max(1, whole),
      toleranceSeconds: Math.ceil(interval / 1000) + 1,
      how: `observed by polling every ${interval} ms`,
      expiredToken: token,
    }
  }
  return {
    kind: 'unknown',
    reason: `the mfa_token still worked after --expiry-wait ${wait} s and does not show its expiry`,
  }
}

/**
 * Measures the tenant's mfa_token lifetime: read from the token when it carries its expiry (then
 * waits for it only within `expiryWaitSeconds`), else by polling `GET /mfa/authenticators`
 * until the token stops working, for at most `expiryWaitSeconds`.
 */
export async function measureLifetime(ctx: RunContext): Promise<Lifetime> {
  const wait = ctx.settings.expiryWaitSeconds
  const answer = await ctx.tenant.send(loginRequest(ctx, ctx.tenant))
  const token = mfaTokenOf(answer)
  if (token === undefined) throw tenantLoginProblem(answer)
  const expiry = sealedExpiry(token)
  if (expiry === undefined) {
    if (wait > 0) return pollUntilExpired(ctx, token, answer)
    return { kind: 'unknown', reason: 'the token does not show its expiry and --expiry-wait is 0' }
  }
  const seconds = secondsUntil(expiry, answer)
  const known = { kind: 'known', seconds, toleranceSeconds: 1, how: 'read from the token' } as const
  if (seconds > wait) return { ...known, expiredToken: undefined }
  await ctx.sleep(Math.max(0, answer.receivedAt + (seconds + 1.5) * 1000 - Date.now()))
  return { ...known, expiredToken: token }
}
