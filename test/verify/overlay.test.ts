import { expect, it } from 'vitest'
import { applyOverlay, mergeOverlays, parseOverlay } from '../../src/config/overlay.js'
import { createEmulator, defaultFixture, type FixtureInput } from '../../src/index.js'

const base: FixtureInput = {
  tenant: {
    domain: 'acme.local',
    mfa_token_lifetime: 600,
    mfa_token_reuse: { token_grants: 'single-use', authenticators: 'until-expiry' },
    attempt_limit: false,
    errors: { user_blocked: { error_description: 'blocked' } },
  },
  clients: [{ client_id: 'app', grant_types: [] }],
}

it('deep-merges tenant settings: objects key by key, other values replace', () => {
  const merged = applyOverlay(base, {
    tenant: {
      mfa_token_lifetime: 300,
      mfa_token_reuse: { token_grants: 'until-expiry' },
      attempt_limit: { max_attempts: 5 },
      errors: { invalid_recovery_code: { error_description: 'MFA Authorization rejected.' } },
    },
  })
  expect(merged).toEqual({
    tenant: {
      domain: 'acme.local',
      mfa_token_lifetime: 300,
      mfa_token_reuse: { token_grants: 'until-expiry', authenticators: 'until-expiry' },
      attempt_limit: { max_attempts: 5 },
      errors: {
        user_blocked: { error_description: 'blocked' },
        invalid_recovery_code: { error_description: 'MFA Authorization rejected.' },
      },
    },
    clients: [{ client_id: 'app', grant_types: [] }],
  })
  expect(base.tenant?.mfa_token_lifetime).toBe(600)
})

it('replaces an object with false and leaves the base alone without a tenant', () => {
  expect(
    applyOverlay(base, { tenant: { mfa_token_reuse: { token_grants: 'until-expiry' } } }),
  ).toMatchObject({ tenant: { attempt_limit: false } })
  expect(
    applyOverlay(defaultFixture(), { tenant: { attempt_limit: false } }).tenant?.attempt_limit,
  ).toBe(false)
  expect(applyOverlay(base, {})).toEqual(base)
})

it('gives createEmulator a fixture the overlay changed', () => {
  const emulator = createEmulator({
    fixtures: applyOverlay(base, { tenant: { mfa_token_lifetime: 42 } }),
  })
  expect(emulator.fixture.tenant.mfa_token_lifetime).toBe(42)
})

it('merges two overlays, the second winning', () => {
  expect(
    mergeOverlays(
      { tenant: { mfa_token_lifetime: 1, errors: { user_blocked: { status: 401 } } } },
      { tenant: { errors: { user_blocked: { error: 'x' } } } },
    ),
  ).toEqual({
    tenant: { mfa_token_lifetime: 1, errors: { user_blocked: { status: 401, error: 'x' } } },
  })
})

it('refuses overlays with anything but tenant settings, naming the path', () => {
  expect(() => parseOverlay({ clients: [] }, 'o.json')).toThrow(
    'o.json: clients: an overlay holds only tenant settings',
  )
  expect(() => parseOverlay({ tenant: { errors: { nope: {} } } }, 'o.json')).toThrow(
    /o\.json: tenant\.errors/,
  )
  expect(() => parseOverlay([], 'o.json')).toThrow('o.json: (root): an overlay is a JSON object')
  expect(parseOverlay({ tenant: { mfa_token_lifetime: 5 } })).toEqual({
    tenant: { mfa_token_lifetime: 5 },
  })
})
