import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { normaliseTarget } from '../../src/http/normalise-path.js'
import { type RunningServer, startServer } from '../../src/server/index.js'
import { httpText, type RawResponse, rawRequest } from '../support/raw-http.js'

const TOKEN = 'let-me-in-please-16'
/** Cases of the property; its deadline grows with them (two requests each, ~150 ms when busy). */
const RUNS = 400

/** Every guarded control route, with a body where it takes one. */
const ROUTES: { method: string; path: string; body?: string }[] = [
  { method: 'GET', path: '/__emulator/users' },
  { method: 'GET', path: '/__emulator/users/auth0%7Calice' },
  { method: 'GET', path: '/__emulator/users/auth0%7Calice/messages' },
  { method: 'GET', path: '/__emulator/scenarios' },
  { method: 'GET', path: '/__emulator/clock' },
  { method: 'GET', path: '/__emulator/tenant' },
  { method: 'GET', path: '/__emulator/mfa-tokens' },
  { method: 'GET', path: '/__emulator/requests' },
  { method: 'PUT', path: '/__emulator/scenarios', body: '{"enabled":[]}' },
  { method: 'POST', path: '/__emulator/reset', body: '{}' },
  {
    method: 'POST',
    path: '/__emulator/mfa-tokens',
    body: '{"user_id":"auth0|alice","client_id":"spa-client"}',
  },
  { method: 'POST', path: '/__emulator/clock', body: '{"advance_ms":0}' },
]

function send(
  server: RunningServer,
  method: string,
  path: string,
  body: string | undefined,
  token: boolean,
): Promise<RawResponse> {
  const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {}
  if (token) headers.authorization = `Bearer ${TOKEN}`
  return rawRequest(server.port, httpText(method, path, headers, body ?? ''))
}

function expectJsonNotFound(res: RawResponse) {
  expect(res.status).toBe(404)
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(JSON.parse(res.body).error).toBe('not_found')
}

describe('one normalised path, routed and gated alike', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ host: '0.0.0.0', adminToken: TOKEN, seed: 'paths' })
  })
  afterAll(() => server.close())
  beforeEach(() => server.emulator.reset())

  it.each([
    '/x/__emulator/users',
    '/__EMULATOR/users',
    '/__Emulator/users',
    '/X/..%2F__emulator/users',
  ])('answers GET %s with a JSON 404, token or not', async (path) => {
    expectJsonNotFound(await send(server, 'GET', path, undefined, false))
    expectJsonNotFound(await send(server, 'GET', path, undefined, true))
  })

  it.each([
    '//__emulator/users',
    '/x/../__emulator/users',
    '/x/%2e%2e/__emulator/users',
    '/x/%2E./__emulator/users',
    '/x\\..\\__emulator/users',
    '/./__emulator//users',
    '/%5F%5Femulator/%75sers',
    '/__emulator/users#fragment',
  ])('demands the admin token on GET %s, which is /__emulator/users', async (path) => {
    const denied = await send(server, 'GET', path, undefined, false)
    expect(denied.status).toBe(401)
    expect(JSON.parse(denied.body).error).toBe('unauthorized')
    const allowed = await send(server, 'GET', path, undefined, true)
    expect(allowed.status).toBe(200)
    expect(JSON.parse(allowed.body)).toEqual(expect.any(Array))
  })

  it('mints no mfa_token for POST //__emulator/mfa-tokens without the token', async () => {
    const before = server.emulator.stats().mfa_tokens
    const res = await send(server, 'POST', '//__emulator/mfa-tokens', ROUTES[10]?.body, false)
    expect(res.status).toBe(401)
    expect(server.emulator.stats().mfa_tokens).toBe(before)
  })

  it('changes no scenario for PUT /__Emulator/scenarios, token or not', async () => {
    const body = '{"enabled":["expired-mfa-token"]}'
    expectJsonNotFound(await send(server, 'PUT', '/__Emulator/scenarios', body, false))
    expectJsonNotFound(await send(server, 'PUT', '/__Emulator/scenarios', body, true))
    expect(server.emulator.scenarios.list()).toEqual([])
  })

  it(
    'routes every generated spelling of a control route to it with the token checked, or answers a JSON 404 or 400 (400 cases)',
    async () => {
      const unreserved = /[A-Za-z0-9\-._~]/
      const encode = (char: string, upper: boolean) => {
        const hex = char.charCodeAt(0).toString(16).padStart(2, '0')
        return `%${upper ? hex.toUpperCase() : hex}`
      }
      // The segment as is, with some unreserved characters percent-encoded, or with one letter's
      // case changed (which must make it a different path).
      const segmentSpelling = (segment: string) =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(segment) },
          {
            weight: 3,
            arbitrary: fc
              .array(fc.nat(5), { minLength: segment.length, maxLength: segment.length })
              .map((picks) =>
                [...segment]
                  .map((char, i) =>
                    unreserved.test(char) && (picks[i] ?? 0) < 2
                      ? encode(char, picks[i] === 0)
                      : char,
                  )
                  .join(''),
              ),
          },
          {
            weight: 1,
            arbitrary: fc.nat(Math.max(0, segment.length - 1)).map((i) => {
              const char = segment[i] ?? ''
              const flipped = char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase()
              return `${segment.slice(0, i)}${flipped}${segment.slice(i + 1)}`
            }),
          },
        )
      // What may come before a segment: nothing, or detours that resolve away (or do not).
      const detour = fc.oneof(
        { weight: 6, arbitrary: fc.constant('') },
        {
          weight: 4,
          arbitrary: fc.constantFrom(
            '/.',
            '/%2e',
            '/x/..',
            '/x/%2e%2e',
            '/x/.%2E',
            '/x\\..',
            '/',
            '//',
            '\\',
            '/x',
            '/..',
          ),
        },
      )
      const spelled = fc.constantFrom(...ROUTES).chain((route) => {
        const segments = route.path.split('/').slice(1)
        return fc
          .tuple(...segments.map((s) => fc.tuple(detour, segmentSpelling(s))))
          .map((parts) => ({
            route,
            path: parts.map(([before, segment]) => `${before}/${segment}`).join(''),
          }))
      })
      let routed = 0
      await fc.assert(
        fc.asyncProperty(spelled, async ({ route, path }) => {
          const label = `${route.method} ${path}`
          const denied = await send(server, route.method, path, route.body, false)
          const allowed = await send(server, route.method, path, route.body, true)
          expect(denied.headers['content-type'], label).toBe('application/json; charset=utf-8')
          if (denied.status === 400) {
            // Not a request target HTTP accepts (Node's parser refuses a leading `\`).
            expect([JSON.parse(denied.body).error, allowed.status], label).toEqual([
              'invalid_request',
              400,
            ])
            return
          }
          if (denied.status === 404) {
            // Not a control path: the token changes nothing, and the answer is a JSON 404.
            expectJsonNotFound(denied)
            expectJsonNotFound(allowed)
            return
          }
          // A control path: refused without the token; with it, the route itself or a JSON 404.
          expect(denied.status, label).toBe(401)
          if (allowed.status === 404) return expectJsonNotFound(allowed)
          expect(allowed.status, label).toBeLessThan(300)
          expect(normaliseTarget(path)?.path, label).toBe(route.path)
          routed++
        }),
        { numRuns: RUNS },
      )
      // The spellings must reach the routes often enough for the property to say something.
      expect(routed).toBeGreaterThan(40)
    },
    20_000 + RUNS * 150,
  )
})

describe('normaliseTarget', () => {
  it('returns a path already in normal form as it is, and the same as its escaped spelling', () => {
    const segment = fc
      .array(fc.constantFrom('a', 'b', '.', '2', 'e', '\\', '~', 'Z'), { maxLength: 4 })
      .map((chars) => chars.join(''))
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const path = `/${segments.join('/')}`
        const plain = normaliseTarget(`${path}?q=1`)
        // `%61` is an escaped `a`: the same path, which takes the decoding road.
        expect(normaliseTarget(`${path.replaceAll('a', '%61')}?q=1`)).toEqual(plain)
        if (!/[%\\]|\/\/|\/\.\.?(?:\/|$)/.test(path)) expect(plain).toEqual({ path, query: '?q=1' })
      }),
      { numRuns: 2000 },
    )
    expect(normaliseTarget('/')).toEqual({ path: '/', query: '' })
    expect(normaliseTarget('')).toBeUndefined()
    expect(normaliseTarget('*')).toBeUndefined()
  })
})
