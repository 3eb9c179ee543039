// One msw handler dispatches a tenant's whole route table. These tests hold it to what msw users
// rely on: paths matched as msw matches them, unclaimed requests left to onUnhandledRequest, and
// composition with the user's own handlers in either order.
import { HttpResponse, http, matchRequestUrl } from 'msw'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator, ROUTE_TABLE } from '../../src/emulator.js'
import { createRoutes, isControlPath } from '../../src/http/routes.js'

const exactPaths = [
  ...new Set(
    createEmulator()
      [ROUTE_TABLE].filter((r) => !r.pattern && !isControlPath(r.path))
      .map((r) => r.path),
  ),
]

/** Ways a client might spell a URL near `path`, on the tenant's host and another. */
const variants = (path: string) =>
  ['https://dev-tenant.local', 'http://other.example:8080'].flatMap((origin) => [
    `${origin}${path}`,
    `${origin}${path.toUpperCase()}`,
    `${origin}${path}/`,
    `${origin}${path}?x=1#y`,
    `${origin}/prefix${path}`,
    `${origin}/a%E0%A4%A${path}`,
    `${origin}${path}x`,
    `${origin}${path}/more`,
    `${origin}${path.slice(0, -1)}`,
  ])

describe('route matching', () => {
  it('has exact paths to compare', () => {
    expect(exactPaths).toContain('/oauth/token')
    expect(exactPaths.length).toBeGreaterThan(8)
  })

  it.each(['*', 'dev-tenant.local'])(
    'matches paths as msw matches a path string (domain %s)',
    (domain) => {
      const routes = createRoutes(domain)
      const differences: string[] = []
      for (const path of exactPaths) {
        const mswPath = domain === '*' ? `*${path}` : `https://${domain}${path}`
        for (const href of variants(path)) {
          const url = new URL(href)
          let msw: boolean
          try {
            msw = matchRequestUrl(url, mswPath).matches
          } catch {
            // msw throws decoding a malformed escape in the prefix; the emulator answers instead.
            msw = true
          }
          const ours = routes.path(path).test(url.origin + url.pathname)
          if (ours !== msw) differences.push(`${path} ${href}: msw ${msw}, ours ${ours}`)
        }
      }
      expect(differences).toEqual([])
    },
  )

  it('matches control paths exactly, in their case only', () => {
    const matcher = createRoutes('*').path('/__emulator/users')
    expect(matcher.test('https://dev-tenant.local/__emulator/users')).toBe(true)
    for (const other of ['/__EMULATOR/users', '/x/__emulator/users', '/__emulator/users/']) {
      expect(matcher.test(`https://dev-tenant.local${other}`), other).toBe(false)
    }
  })
})

describe('one handler among the user’s own', () => {
  let server: ReturnType<typeof setupServer> | undefined
  afterEach(() => {
    server?.close()
    server = undefined
  })

  const listen = (...handlers: Parameters<typeof setupServer>) => {
    const unhandled: string[] = []
    server = setupServer(...handlers)
    server.listen({
      onUnhandledRequest: (request) => {
        unhandled.push(`${request.method} ${request.url}`)
      },
    })
    return unhandled
  }

  it('leaves a request it does not claim to onUnhandledRequest', async () => {
    const unhandled = listen(...createEmulator().handlers)
    await expect(fetch('https://dev-tenant.local/not-auth0/thing')).rejects.toThrow()
    expect(unhandled).toEqual(['GET https://dev-tenant.local/not-auth0/thing'])
  })

  it('leaves other hosts alone when bound to a domain', async () => {
    const unhandled = listen(...createEmulator({ domain: 'acme.eu.auth0.com' }).handlers)
    const ok = await fetch('https://acme.eu.auth0.com/.well-known/jwks.json')
    expect(ok.status).toBe(200)
    await expect(fetch('https://other.example/.well-known/jwks.json')).rejects.toThrow()
    expect(unhandled).toEqual(['GET https://other.example/.well-known/jwks.json'])
  })

  it('lets a handler of the user before it override a route', async () => {
    const mine = http.post('*/oauth/token', () => HttpResponse.json({ mine: true }))
    const unhandled = listen(mine, ...createEmulator().handlers)
    const res = await fetch('https://dev-tenant.local/oauth/token', { method: 'POST' })
    expect(await res.json()).toEqual({ mine: true })
    expect(unhandled).toEqual([])
  })

  it('lets a handler of the user after it answer what it does not claim', async () => {
    const mine = http.get('*/my-api/data', () => HttpResponse.json({ mine: true }))
    const unhandled = listen(...createEmulator().handlers, mine)
    const res = await fetch('https://dev-tenant.local/my-api/data')
    expect(await res.json()).toEqual({ mine: true })
    const token = await fetch('https://dev-tenant.local/oauth/token', { method: 'GET' })
    expect(token.status).toBe(405)
    expect(unhandled).toEqual([])
  })
})
