import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import { fixtureJsonSchemaText } from '../../src/config/json-schema.js'
import { defaultFixture, FixtureError, parseFixture } from '../../src/index.js'
import { loadFixtureFile } from '../../src/server/index.js'

const MFA_GRANTS = [
  'password',
  'http://auth0.com/oauth/grant-type/password-realm',
  'http://auth0.com/oauth/grant-type/mfa-recovery-code',
  'http://auth0.com/oauth/grant-type/mfa-otp',
  'http://auth0.com/oauth/grant-type/mfa-oob',
]

function problems(input: unknown): string[] {
  try {
    parseFixture(input, 'test.json')
  } catch (err) {
    if (err instanceof FixtureError) return err.problems.map((p) => `${p.path}: ${p.message}`)
    throw err
  }
  throw new Error('fixture was accepted')
}

describe('fixtures', () => {
  it('publishes a JSON Schema that matches the zod schema (run npm run schema to refresh)', () => {
    expect(readFileSync(new URL('../../fixtures/schema.json', import.meta.url), 'utf8')).toBe(
      fixtureJsonSchemaText(),
    )
  })

  it('holds the default tenant the README documents', () => {
    const f = defaultFixture()
    expect(f.tenant).toMatchObject({
      domain: 'dev-tenant.local',
      recovery_codes: 'enabled',
      mfa_token_lifetime: 600,
    })
    const clients = Object.fromEntries(f.clients.map((c) => [c.client_id, c]))
    expect(Object.keys(clients)).toEqual([
      'spa-client',
      'regular-web-app',
      'no-mfa-grant-app',
      'm2m-client',
    ])
    expect(clients['spa-client']).toMatchObject({
      token_endpoint_auth_method: 'none',
      allowed_origins: ['http://localhost:3000', 'http://localhost:5173'],
    })
    expect(clients['spa-client']?.client_secret).toBeUndefined()
    expect(clients['spa-client']?.grant_types).toEqual(expect.arrayContaining(MFA_GRANTS))
    expect(clients['regular-web-app']).toMatchObject({ client_secret: 'regular-web-app-secret' })
    expect(clients['regular-web-app']?.grant_types).toEqual(expect.arrayContaining(MFA_GRANTS))
    expect(clients['no-mfa-grant-app']).toMatchObject({ client_secret: 'no-mfa-grant-app-secret' })
    expect(clients['no-mfa-grant-app']?.grant_types).not.toContain(
      'http://auth0.com/oauth/grant-type/mfa-recovery-code',
    )
    expect(clients['m2m-client']).toMatchObject({
      client_secret: 'm2m-client-secret',
      grant_types: ['client_credentials'],
      client_grants: [
        {
          audience: 'management',
          scope: [
            'read:users',
            'update:users',
            'read:authentication_methods',
            'delete:guardian_enrollments',
          ],
        },
      ],
    })
    const users = Object.fromEntries(f.users.map((u) => [u.user_id, u]))
    expect(users['auth0|alice']).toMatchObject({
      email: 'alice@example.com',
      password: 'Passw0rd!',
      mfa_required: true,
      recovery_code: 'K6LGLV3RSH3VERMKET8L7QKU',
    })
    expect(users['auth0|alice']?.authenticators.map((a) => a.type)).toEqual(['totp'])
    expect(users['auth0|bob']).toMatchObject({
      email: 'bob@example.com',
      password: 'Passw0rd!',
      mfa_required: true,
      authenticators: [],
      recovery_code: null,
    })
    expect(users['auth0|carol']).toMatchObject({
      email: 'carol@example.com',
      password: 'Passw0rd!',
      mfa_required: false,
    })
    expect(f.mfa_tokens.map((t) => [t.mfa_token, t.user_id, t.client_id])).toEqual([
      ['mfa-token-alice', 'auth0|alice', 'spa-client'],
      ['mfa-token-alice-expired', 'auth0|alice', 'spa-client'],
      ['mfa-token-alice-web', 'auth0|alice', 'regular-web-app'],
    ])
  })

  it('marks the bundled signing key as not secret', () => {
    expect(defaultJson.tenant.signing_keys[0]?.note).toMatch(/NOT SECRET/)
  })

  it('applies defaults to an empty fixture', () => {
    const f = parseFixture({})
    expect(f.tenant).toMatchObject({
      mfa_token_lifetime: 600,
      mfa_token_reuse: { token_grants: 'single-use', authenticators: 'until-expiry' },
      recovery_code_matching: 'exact',
      attempt_limit: { max_attempts: 10, refill_interval: 360 },
      access_token_lifetime: 86400,
      id_token_lifetime: 36000,
    })
    expect(f.tenant.signing_keys).toBeUndefined()
  })

  it('names the JSON path of an unknown field', () => {
    expect(problems({ clients: [{ client_id: 'a', grant_type: ['password'] }] })).toEqual([
      "clients[0]: unknown field 'grant_type'; check the spelling against node_modules/auth0-mfa-emulator/fixtures/schema.json",
    ])
  })

  it('explains a recovery code in the wrong format', () => {
    expect(
      problems({ users: [{ user_id: 'u', email: 'e', password: 'p', recovery_code: 'abc' }] }),
    ).toEqual([
      'users[0].recovery_code: must be 24 characters from 123456789ABCDEFGHJKLMNPQRSTUVWXYZ',
    ])
  })

  it('refuses two users with one username, whatever the case', () => {
    const user = (user_id: string, username: string) => ({
      user_id,
      email: `${user_id}@example.com`,
      password: 'p',
      username,
    })
    expect(problems({ users: [user('a', 'test-user'), user('b', 'Test-User')] })).toEqual([
      "users[1].username: duplicate username 'Test-User'",
    ])
  })

  it('reads pending and push authenticators', () => {
    const f = parseFixture({
      users: [
        {
          user_id: 'u',
          email: 'u@example.com',
          password: 'p',
          authenticators: [
            { type: 'push' },
            { type: 'email', email: 'u@example.com', active: false },
          ],
        },
      ],
    })
    expect(f.users[0]?.authenticators.map((a) => [a.type, a.active])).toEqual([
      ['push', true],
      ['email', false],
    ])
  })

  it('checks that pre-issued mfa_tokens point at known users and clients', () => {
    expect(
      problems({ mfa_tokens: [{ mfa_token: 't', user_id: 'auth0|nobody', client_id: 'nope' }] }),
    ).toEqual([
      "mfa_tokens[0].user_id: no user 'auth0|nobody' in users",
      "mfa_tokens[0].client_id: no client 'nope' in clients",
    ])
  })

  it('refuses an unknown scenario name', () => {
    expect(problems({ scenarios: ['sometimes'] })[0]).toMatch(
      /^scenarios\[0\]: Invalid option: expected one of "invalid-recovery-code"/,
    )
  })

  it('refuses a secret-based client without a secret', () => {
    expect(
      problems({ clients: [{ client_id: 'c', token_endpoint_auth_method: 'client_secret_post' }] }),
    ).toEqual([
      'clients[0].client_secret: required when token_endpoint_auth_method is client_secret_post',
    ])
  })

  it('refuses client_credentials for a public client', () => {
    expect(
      problems({ clients: [{ client_id: 'c', grant_types: ['client_credentials'] }] }),
    ).toEqual([
      'clients[0].grant_types: client_credentials needs a confidential client: give it a client_secret or private_key_jwt credentials',
    ])
  })

  it('accepts only the Management API as a client grant audience', () => {
    const grant = (audience: string) => ({
      clients: [{ client_id: 'c', client_secret: 's', client_grants: [{ audience }] }],
    })
    expect(() => parseFixture(grant('management'))).not.toThrow()
    expect(() => parseFixture(grant('https://acme.eu.auth0.com/api/v2/'))).not.toThrow()
    expect(problems(grant('https://api.example.com/'))).toEqual([
      'clients[0].client_grants[0].audience: must be "management" or the Management API identifier https://{domain}/api/v2/',
    ])
  })

  it('summarises several problems in one message that starts with the source', () => {
    const err = (() => {
      try {
        parseFixture({ tenant: { mfa_token_lifetime: -1, recovery_codes: 'off' } }, 'my.json')
      } catch (e) {
        return e as Error
      }
    })()
    expect(err?.message).toMatch(/^my\.json: tenant\.recovery_codes: .+ \(and 1 more\)$/)
  })

  it('reports a missing file and broken JSON with the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixtures-'))
    expect(() => loadFixtureFile(join(dir, 'absent.json'))).toThrow(
      `${join(dir, 'absent.json')}: (file): file not found; check the --fixtures path`,
    )
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"tenant": ')
    expect(() => loadFixtureFile(broken)).toThrow(
      new RegExp(`^${broken}: line 1, column 12: not valid JSON: `),
    )
    // A trailing comma, as a hand-edited fixture has it: the line and column an editor shows.
    writeFileSync(broken, '{\n  "tenant": {\n    "domain": "a.local",\n  }\n}\n')
    expect(() => loadFixtureFile(broken)).toThrow(
      `${broken}: line 4, column 3: not valid JSON: Expected double-quoted property name`,
    )
  })
})
