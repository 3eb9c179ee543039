import { describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import { createEmulator, type FixtureInput } from '../../src/index.js'
import { inProcessDriver } from '../support/drivers.js'
import { ALICE_CODE, form, redeem } from '../support/requests.js'

describe('bounded memory', () => {
  it('sweeps mfa_tokens an hour after they expire, so a long run holds steady', async () => {
    const emulator = createEmulator({ now: Date.UTC(2030, 0, 1) })
    let peak = 0
    for (let i = 0; i < 20_000; i++) {
      await emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
      emulator.clock.advance(1000)
      peak = Math.max(peak, emulator.stats().mfa_tokens)
    }
    // 600 s of life + 3600 s of grace at one token a second, plus one sweep interval of slack.
    expect(peak).toBeLessThanOrEqual(600 + 3600 + 256 + 3)
    expect(peak).toBeGreaterThan(4000)
  })

  it('answers expired_token for an hour after expiry, then malformed once swept', async () => {
    const d = inProcessDriver({ now: Date.UTC(2030, 0, 1) })
    try {
      const token = await d.emulator.issueMfaToken({
        userId: 'auth0|alice',
        clientId: 'spa-client',
      })
      d.emulator.clock.advance((600 + 3500) * 1000)
      const res = await d.fetch('/oauth/token', form(redeem(token, ALICE_CODE)))
      expect((await res.json()).error).toBe('expired_token')
      d.emulator.clock.advance(200 * 1000)
      for (let i = 0; i < 256; i++)
        await d.emulator.issueMfaToken({ userId: 'auth0|bob', clientId: 'spa-client' })
      const later = await d.fetch('/oauth/token', form(redeem(token, ALICE_CODE)))
      expect(await later.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'Malformed mfa_token',
      })
    } finally {
      await d.close()
    }
  })

  it('keeps at most 200 refresh tokens per user and client, and a bounded journal', async () => {
    const fixtures = {
      ...(defaultJson as FixtureInput),
      tenant: {
        ...(defaultJson.tenant as FixtureInput['tenant']),
        mfa_token_reuse: { token_grants: 'until-expiry' as const },
        attempt_limit: false as const,
      },
    }
    const d = inProcessDriver({ fixtures, journalSize: 50 })
    try {
      for (let i = 0; i < 230; i++) {
        const code = d.emulator.currentRecoveryCode('auth0|alice') ?? ''
        const res = await d.fetch(
          '/oauth/token',
          form(
            redeem('mfa-token-alice-web', code, {
              client_id: 'regular-web-app',
              client_secret: 'regular-web-app-secret',
            }),
          ),
        )
        expect(res.status).toBe(200)
      }
      expect(d.emulator.stats()).toMatchObject({ refresh_tokens: 200, requests: 50 })
    } finally {
      await d.close()
    }
  })
})
