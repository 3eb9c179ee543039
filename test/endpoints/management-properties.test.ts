import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BOTH_MODES, type Driver } from '../support/drivers.js'
import { form } from '../support/requests.js'

const USERS = ['auth0%7Calice', 'auth0|bob', 'auth0%7Cnobody', 'alice', '%E0%A4%A', '%7C']
const ROUTES = [
  '/recovery-code-regeneration',
  '/enrollments',
  '/authentication-methods',
  '/authenticators',
  '',
  '/x',
]
const QUERIES = [
  '',
  '?include_totals=true&page=1&per_page=1',
  '?per_page=101',
  '?page=-1',
  '?per_page=abc',
  '?include_totals=maybe',
]
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
const BODIES = ['', '{}', '{"a":1}', '[]', 'null', '{', 'a=b', '"x"']

/** Every request shape under /api/v2, with tokens of every kind. */
const request = fc.record({
  method: fc.constantFrom(...METHODS),
  path: fc.oneof(
    fc
      .tuple(fc.constantFrom(...USERS), fc.constantFrom(...ROUTES), fc.constantFrom(...QUERIES))
      .map(([user, route, query]) => `/api/v2/users/${user}${route}${query}`),
    fc.constantFrom('/api/v2', '/api/v2/', '/api/v2/users', '/api/v2/clients'),
  ),
  authorization: fc.option(
    fc.oneof(
      fc.constantFrom('full', 'narrow', 'Bearer not-a-jwt', 'Basic !!!', 'Bearer', ''),
      fc.string(),
    ),
    { nil: undefined },
  ),
  body: fc.oneof(fc.constantFrom(...BODIES), fc.string({ maxLength: 40 })),
})

async function token(d: Driver, scope: string): Promise<string> {
  const res = await d.fetch(
    '/oauth/token',
    form({
      grant_type: 'client_credentials',
      client_id: 'm2m-client',
      client_secret: 'm2m-client-secret',
      audience: `${d.base}/api/v2/`,
      scope,
    }),
  )
  return ((await res.json()) as { access_token: string }).access_token
}

// FC_SEED and FC_PATH (from a failure's report) replay one failing case.
const replay = process.env.FC_SEED
  ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH ?? '', endOnFailure: true }
  : {}

const snapshot = async (d: Driver) => (await d.fetch('/__emulator/users')).text()

describe.each(BOTH_MODES)('any Management API request (%s)', (mode, factory) => {
  let d: Driver
  const tokens: Record<string, string> = {}
  beforeAll(async () => {
    d = await factory()
    tokens.full = `Bearer ${await token(d, '')}`
    tokens.narrow = `Bearer ${await token(d, 'read:users')}`
  })
  afterAll(() => d.close())

  const runs = mode === 'http' ? 100 : 300
  // Sized by case count, not by a short wall-clock deadline: a busy machine takes longer.
  it('answers in the Management API shape, never 5xx, and refusals change nothing', {
    timeout: 30_000 + runs * 100,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = await snapshot(d)
        const headers: Record<string, string> = { 'content-type': 'application/json' }
        if (r.authorization !== undefined)
          headers.authorization = tokens[r.authorization] ?? r.authorization
        const res = await d.fetch(r.path, {
          method: r.method,
          headers,
          ...(r.method === 'GET' ? {} : { body: r.body }),
        })
        const text = await res.text()
        const where = `${r.method} ${r.path} answered ${res.status}: ${text}`
        expect(res.status, where).toBeLessThan(500)
        expect(res.headers.get('content-type'), where).toBe('application/json; charset=utf-8')
        if (res.status === 204) {
          // Not returned: fast-check reads a returned chai Assertion as a failed property.
          expect(text).toBe('')
          return
        }
        const parsed = JSON.parse(text)
        if (res.status < 400) return
        expect(Object.keys(parsed).slice(0, 3), where).toEqual(['statusCode', 'error', 'message'])
        expect(parsed.statusCode).toBe(res.status)
        expect(await snapshot(d), where).toBe(before)
      }),
      { numRuns: runs, ...replay },
    )
  })
})
