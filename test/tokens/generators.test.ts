import { describe, expect, it } from 'vitest'
import { createGenerators } from '../../src/tokens/generators.js'
import { createRandomBytes } from '../../src/tokens/random.js'
import { IRON_SEAL } from '../support/iron-seal.js'

const ISSUED = Date.UTC(2030, 0, 1, 12, 34, 56, 789)
const EXPIRES = ISSUED + 600_000

describe('opaque token generators', () => {
  it("mints mfa_tokens shaped like Auth0's Iron seals, about 1,990 characters", () => {
    const gen = createGenerators(createRandomBytes())
    const token = gen.mfaToken(ISSUED, EXPIRES)
    expect(token).toMatch(IRON_SEAL)
    expect(token).toHaveLength(1986)
    const [, server, , , , expiry] = token.split('*')
    expect(server).toBe(`SERVER_${Date.UTC(2030, 0, 1) / 1000}`)
    expect(expiry).toBe(String(EXPIRES))
    expect(gen.mfaToken(ISSUED, EXPIRES)).not.toBe(token)
  })

  it('mints oob_codes in the same shape, 578 to 620 characters', () => {
    const gen = createGenerators(createRandomBytes())
    const lengths = new Set<number>()
    for (let i = 0; i < 60; i++) {
      const code = gen.oobCode(ISSUED, EXPIRES)
      expect(code).toMatch(IRON_SEAL)
      lengths.add(code.length)
    }
    expect([...lengths].sort()).toEqual([578, 599, 620])
  })

  it('repeats seeded tokens', () => {
    const a = createGenerators(createRandomBytes('seal'))
    const b = createGenerators(createRandomBytes('seal'))
    expect([a.mfaToken(ISSUED, EXPIRES), a.oobCode(ISSUED, EXPIRES)]).toEqual([
      b.mfaToken(ISSUED, EXPIRES),
      b.oobCode(ISSUED, EXPIRES),
    ])
  })

  it('keeps the shape for times before 2001 and far-future expiries', () => {
    const gen = createGenerators(createRandomBytes())
    expect(gen.mfaToken(0, 1)).toMatch(/^Fe26\.2\*SERVER_0000000000\*.+\*0000000000001\*/)
    expect(gen.mfaToken(0, 1)).toMatch(IRON_SEAL)
  })
})
