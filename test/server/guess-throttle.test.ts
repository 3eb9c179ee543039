import { describe, expect, it } from 'vitest'
import { GuessThrottle } from '../../src/server/guess-throttle.js'

describe('wrong admin token pacing', () => {
  it('paces each address on its own: one step per guess, refused past the queue limit', () => {
    let now = 0
    const throttle = new GuessThrottle({ stepMs: 200, maxDelayMs: 1000, capacity: 10 }, () => now)
    expect([1, 2, 3, 4, 5, 6].map(() => throttle.delayFor('a'))).toEqual([
      200,
      400,
      600,
      800,
      1000,
      undefined,
    ])
    expect(throttle.delayFor('b')).toBe(200)
    now = 5000
    expect(throttle.delayFor('a')).toBe(200)
  })

  it('remembers at most its capacity of addresses under a flood from many', () => {
    const throttle = new GuessThrottle({ stepMs: 200, maxDelayMs: 1000, capacity: 100 }, () => 0)
    for (let i = 0; i < 20_000; i++) throttle.delayFor(`10.0.${i >> 8}.${i & 255}`)
    expect(throttle.size).toBe(100)
  })
})
