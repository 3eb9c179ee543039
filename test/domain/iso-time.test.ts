import { describe, expect, it } from 'vitest'
import { isoTime } from '../../src/support/iso-time.js'

describe('isoTime', () => {
  it('writes what toISOString writes, across seconds, in either order', () => {
    const times = [
      Date.UTC(2026, 11, 3, 12, 0, 0, 0),
      Date.UTC(2026, 11, 3, 12, 0, 0, 7),
      Date.UTC(2026, 11, 3, 12, 0, 0, 999),
      Date.UTC(2026, 11, 3, 12, 0, 1, 0),
      Date.UTC(2026, 11, 3, 12, 0, 0, 45),
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 0, 1, 0, 0, 0, 10),
      0,
    ]
    for (const ms of times) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString())
  })

  it('reads the clock when given no time', () => {
    const before = Date.now()
    const stamped = Date.parse(isoTime())
    expect(stamped).toBeGreaterThanOrEqual(before)
    expect(stamped).toBeLessThanOrEqual(Date.now())
  })
})
