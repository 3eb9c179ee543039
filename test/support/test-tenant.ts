import { defaultFixture } from '../../src/config/default-fixture.js'
import type { Fixture } from '../../src/config/schema.js'
import { createTenant, type TenantOptions } from '../../src/domain/tenant.js'

/** A tenant for domain tests: the emulator's own clock frozen at 2030-01-01, seeded, small caps. */
export function testTenant(
  options: Partial<TenantOptions> = {},
  fixture: Fixture = defaultFixture(),
) {
  return createTenant(fixture, {
    domain: '*',
    issuer: undefined,
    seed: 'domain',
    now: Date.UTC(2030, 0, 1),
    clock: 'emulator',
    scenarios: [],
    journalSize: 10,
    maxBodyBytes: 1000,
    limits: { maxMfaTokens: 100 },
    ...options,
  })
}
