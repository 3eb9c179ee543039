import { describe, expect, it } from 'vitest'
import { createRateLimiter } from '../../src/domain/rate-limiter.js'

const T = Date.UTC(2030, 0, 1)
const T_S = T / 1000

function clockAt(start: number) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('rate limiter', () => {
  it('takes one request per call and reports when the bucket is full again', () => {
    const clock = clockAt(T)
    const limiter = createRateLimiter({ limit: 4, refill_per_second: 2 }, clock.now)
    expect(limiter.take()).toEqual({
      limited: false,
      limit: 4,
      remaining: 3,
      reset: T_S + 1,
      retryAfter: 1,
    })
    limiter.take()
    limiter.take()
    expect(limiter.take()).toMatchObject({ limited: false, remaining: 0, reset: T_S + 2 })
    expect(limiter.take()).toMatchObject({ limited: true, remaining: 0, retryAfter: 1 })
  })

  it('refills continuously on the clock, never past the limit, and not when the clock goes back', () => {
    const clock = clockAt(T)
    const limiter = createRateLimiter({ limit: 2, refill_per_second: 1 }, clock.now)
    limiter.take()
    limiter.take()
    clock.advance(500)
    expect(limiter.take()).toMatchObject({ limited: true, remaining: 0, retryAfter: 1 })
    clock.advance(500)
    expect(limiter.take()).toMatchObject({ limited: false, remaining: 0 })
    clock.advance(60_000)
    expect(limiter.take()).toMatchObject({ remaining: 1 })
    clock.advance(-120_000)
    expect(limiter.take()).toMatchObject({ remaining: 0 })
    expect(limiter.take()).toMatchObject({ limited: true })
  })

  it('rounds Retry-After up to whole seconds for slow refills', () => {
    const clock = clockAt(T)
    const limiter = createRateLimiter({ limit: 1, refill_per_second: 1 }, clock.now)
    limiter.take()
    clock.advance(250)
    expect(limiter.take()).toMatchObject({ limited: true, retryAfter: 1, reset: T_S + 1 })
  })

  it('reports an empty bucket without spending from it, and starts full again on reset', () => {
    const clock = clockAt(T + 400)
    const limiter = createRateLimiter({ limit: 10, refill_per_second: 5 }, clock.now)
    expect(limiter.empty()).toEqual({
      limited: true,
      limit: 10,
      remaining: 0,
      reset: T_S + 3,
      retryAfter: 1,
    })
    for (let i = 0; i < 10; i++) limiter.take()
    expect(limiter.take()?.limited).toBe(true)
    limiter.reset()
    expect(limiter.take()).toMatchObject({ limited: false, remaining: 9 })
  })

  it('has no state and no headers when the tenant sets rate_limit to false', () => {
    const limiter = createRateLimiter(false, () => T)
    expect([limiter.take(), limiter.empty()]).toEqual([null, null])
  })
})
