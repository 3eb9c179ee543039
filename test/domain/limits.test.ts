import { afterEach, describe, expect, it, vi } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import { oldestKey } from '../../src/domain/limits.js'
import type { EmulatorOptions, FixtureInput } from '../../src/index.js'
import { type Driver, inProcessDriver } from '../support/drivers.js'
import { ALICE_CODE, form, json, redeem } from '../support/requests.js'

// Each store a client can grow, flooded well past a small limit: its count stays flat, the
// counter in stats() says what was dropped, and the newest entry still works.

const NOW = Date.UTC(2030, 0, 1)
const WEB = { client_id: 'regular-web-app', client_secret: 'regular-web-app-secret' }
const fixtures: FixtureInput = {
  ...(defaultJson as FixtureInput),
  tenant: {
    ...(defaultJson.tenant as FixtureInput['tenant']),
    mfa_token_reuse: { token_grants: 'until-expiry' },
    attempt_limit: false,
    rate_limit: false,
  },
}

let driver: Driver | undefined
afterEach(async () => {
  await driver?.close()
  driver = undefined
})

const open = (options: EmulatorOptions) => {
  driver = inProcessDriver({ now: NOW, fixtures, ...options })
  return driver
}

/** Bob enrols SMS with his mfa_token: one pending enrolment, one challenge, one message. */
async function enrolSms(d: Driver, mfaToken: string): Promise<string> {
  const res = await d.fetch(
    '/mfa/associate',
    json(
      { authenticator_types: ['oob'], oob_channels: ['sms'], phone_number: '+14155550123' },
      { authorization: `Bearer ${mfaToken}` },
    ),
  )
  expect(res.status).toBe(200)
  return ((await res.json()) as { oob_code: string }).oob_code
}

/** Alice's recovery-code grant for regular-web-app, asking for a refresh token. */
async function recoverAlice(d: Driver): Promise<{ access_token: string; refresh_token: string }> {
  const code = d.emulator.currentRecoveryCode('auth0|alice') ?? ALICE_CODE
  const res = await d.fetch(
    '/oauth/token',
    form(redeem('mfa-token-alice-web', code, { ...WEB, scope: 'openid offline_access' })),
  )
  expect(res.status).toBe(200)
  return (await res.json()) as { access_token: string; refresh_token: string }
}

describe('per-tenant store limits', () => {
  it('keeps maxMfaTokens mfa_tokens under a flood of logins', async () => {
    const d = open({ maxMfaTokens: 20 })
    for (let i = 0; i < 100; i++) {
      await d.emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
    }
    expect(d.emulator.stats()).toMatchObject({ mfa_tokens: 20, mfa_tokens_evicted: 83 })
  })

  it('keeps maxChallenges OOB challenges, says so once, and the newest still completes', async () => {
    const d = open({ maxChallenges: 10, maxPendingEnrolments: 100 })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const mfaToken = await d.emulator.issueMfaToken({ userId: 'auth0|bob', clientId: 'spa-client' })
    let oobCode = ''
    for (let i = 0; i < 45; i++) oobCode = await enrolSms(d, mfaToken)
    expect(d.emulator.stats()).toMatchObject({ challenges: 10, challenges_evicted: 35 })
    expect(warn.mock.calls).toEqual([
      [
        '[auth0-mfa-emulator] maxChallenges (10) reached: the oldest OOB challenge or Guardian push (each kept apart, the first to expire) is evicted; its `oob_code` then answers `Invalid oob_code.` as an expired one does (stats().challenges_evicted counts them); raise it with createEmulator({ maxChallenges })',
      ],
    ])
    warn.mockRestore()
    const [sent] = d.emulator.messages('auth0|bob')
    const res = await d.fetch(
      '/oauth/token',
      form({
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob',
        client_id: 'spa-client',
        mfa_token: mfaToken,
        oob_code: oobCode,
        binding_code: sent?.binding_code ?? '',
      }),
    )
    expect(res.status).toBe(200)
  })

  it('keeps maxChallenges Guardian pushes under a flood of push enrolments', async () => {
    const d = open({ maxChallenges: 10, maxPendingEnrolments: 100 })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const mfaToken = await d.emulator.issueMfaToken({ userId: 'auth0|bob', clientId: 'spa-client' })
    for (let i = 0; i < 45; i++) {
      const res = await d.fetch(
        '/mfa/associate',
        json(
          { authenticator_types: ['oob'], oob_channels: ['auth0'] },
          { authorization: `Bearer ${mfaToken}` },
        ),
      )
      expect(res.status).toBe(200)
    }
    warn.mockRestore()
    expect(d.emulator.stats()).toMatchObject({ pushes: 10, challenges_evicted: 35 })
    expect(d.emulator.push.pending()).toHaveLength(10)
  })

  it('keeps maxPendingEnrolments pending enrolments per user however many are started', async () => {
    const d = open({ maxPendingEnrolments: 5 })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const mfaToken = await d.emulator.issueMfaToken({ userId: 'auth0|bob', clientId: 'spa-client' })
    for (let i = 0; i < 40; i++) await enrolSms(d, mfaToken)
    warn.mockRestore()
    expect(d.emulator.stats()).toMatchObject({
      pending_enrolments: 5,
      pending_enrolments_evicted: 35,
    })
  })

  it("keeps maxMessagesPerUser messages in a user's inbox, newest first", async () => {
    const d = open({ maxMessagesPerUser: 5 })
    const mfaToken = await d.emulator.issueMfaToken({ userId: 'auth0|bob', clientId: 'spa-client' })
    for (let i = 0; i < 30; i++) await enrolSms(d, mfaToken)
    expect(d.emulator.stats()).toMatchObject({ messages: 5, messages_evicted: 25 })
    expect(d.emulator.messages('auth0|bob')).toHaveLength(5)
  })

  it('keeps maxRefreshTokens refresh tokens, and the newest still refreshes', async () => {
    const d = open({ maxRefreshTokens: 15 })
    let newest = ''
    for (let i = 0; i < 60; i++) newest = (await recoverAlice(d)).refresh_token
    expect(d.emulator.stats()).toMatchObject({ refresh_tokens: 15, refresh_tokens_evicted: 45 })
    const res = await d.fetch(
      '/oauth/token',
      form({ grant_type: 'refresh_token', ...WEB, refresh_token: newest }),
    )
    expect(res.status).toBe(200)
  })

  it('keeps maxAccessTokens opaque access tokens, and the newest still reads /userinfo', async () => {
    const d = open({ maxAccessTokens: 15 })
    let newest = ''
    for (let i = 0; i < 60; i++) newest = (await recoverAlice(d)).access_token
    expect(d.emulator.stats()).toMatchObject({ access_tokens: 15, access_tokens_evicted: 45 })
    const res = await d.fetch('/userinfo', { headers: { authorization: `Bearer ${newest}` } })
    expect(res.status).toBe(200)
  })

  it('keeps one attempt bucket per user under a flood of wrong codes', async () => {
    const d = open({
      fixtures: { ...fixtures, tenant: { ...fixtures.tenant, attempt_limit: undefined } },
    })
    for (let i = 0; i < 50; i++) {
      await d.fetch('/oauth/token', form(redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA')))
    }
    expect(d.emulator.stats().attempt_buckets).toBe(1)
  })
})

describe('oldestKey', () => {
  it('follows the oldest entry as entries come and go', () => {
    const map = new Map<string, number>()
    expect(oldestKey(map)).toBeUndefined()
    for (const key of ['a', 'b', 'c']) map.set(key, 1)
    expect(oldestKey(map)).toBe('a')
    map.delete('b')
    expect(oldestKey(map)).toBe('a')
    map.delete('a')
    expect(oldestKey(map)).toBe('c')
    map.delete('c')
    expect(oldestKey(map)).toBeUndefined()
    map.set('d', 1)
    expect(oldestKey(map)).toBe('d')
    map.clear()
    map.set('e', 1)
    map.set('f', 1)
    expect(oldestKey(map)).toBe('e')
  })

  it('stays oldest-first while a full map drops one entry per insert', () => {
    const map = new Map<number, number>()
    const dropped: number[] = []
    for (let i = 0; i < 5000; i++) {
      if (map.size >= 100) {
        const key = oldestKey(map) as number
        map.delete(key)
        dropped.push(key)
      }
      map.set(i, i)
    }
    expect(dropped).toEqual(Array.from({ length: 4900 }, (_, i) => i))
    expect([...map.keys()]).toEqual(Array.from({ length: 100 }, (_, i) => 4900 + i))
  })
})
