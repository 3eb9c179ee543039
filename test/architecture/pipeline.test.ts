import { HttpResponse, http, type RequestHandler } from 'msw'
import { describe, expect, it } from 'vitest'
import { createEmulator, ROUTE_TABLE } from '../../src/emulator.js'
import { DIALECTS } from '../../src/http/dialects.js'
import { isPipelineHandler, type RouteInfo } from '../../src/http/pipeline.js'

/** The handlers that do not answer through the pipeline, as `METHOD path` for the failure. */
function bypassing(handlers: readonly RequestHandler[]): string[] {
  return handlers
    .filter((handler) => !isPipelineHandler(handler))
    .map((handler) => handler.info.header)
}

const isControl = (r: RouteInfo) => r.path === '/__emulator' || r.path.startsWith('/__emulator/')
const isManagement = (r: RouteInfo) => r.path === '/api/v2' || r.path.startsWith('/api/v2/')
const named = (r: RouteInfo) => `${r.method} ${r.path}`

const emulator = createEmulator()
const routes = emulator[ROUTE_TABLE]

describe('one pipeline for every route', () => {
  it('answers every handler of the emulator through the pipeline', () => {
    expect(emulator.handlers).toHaveLength(1)
    expect(bypassing(emulator.handlers)).toEqual([])
  })

  it('dispatches every declared route of the table through its one handler', async () => {
    const [handler] = emulator.handlers
    // A URL for each route: a pattern's variable parts filled in.
    const urlOf = (r: RouteInfo) =>
      `https://dev-tenant.local${r.path.replace('[^/]+', 'auth0%7Calice').replace('(?:approve|reject)', 'approve')}`
    const unclaimed: string[] = []
    for (const r of routes) {
      const request = new Request(urlOf(r), { method: r.method })
      if (!(await handler?.test({ request }))) unclaimed.push(named(r))
    }
    expect(unclaimed).toEqual([])
  })

  it('finds a hand-made handler that skips the pipeline', () => {
    const stray = http.get('*/oauth/extra', () => HttpResponse.json({}))
    expect(isPipelineHandler(stray)).toBe(false)
    expect(bypassing([...emulator.handlers, stray])).toEqual(['GET */oauth/extra'])
  })

  it('declares a caller and a dialect for every route', () => {
    const kinds = ['anyone', 'admin', 'client', 'mfa-bearer', 'access-token', 'management-token']
    const dialects = Object.keys(DIALECTS)
    for (const r of routes) {
      expect(kinds, named(r)).toContain(r.caller.kind)
      expect(typeof r.caller.check, named(r)).toBe('function')
      expect(dialects, named(r)).toContain(r.dialect)
    }
  })

  it('guards every control route with the admin caller in the control dialect', () => {
    const control = routes.filter(isControl)
    expect(control.length).toBeGreaterThan(0)
    for (const r of control) {
      expect({ route: named(r), caller: r.caller.kind, dialect: r.dialect }).toEqual({
        route: named(r),
        caller: 'admin',
        dialect: 'control',
      })
    }
    expect(routes.filter((r) => !isControl(r) && r.caller.kind === 'admin').map(named)).toEqual([])
  })

  it('checks a Management API token on every /api/v2 route, in the management dialect', () => {
    const management = routes.filter(isManagement)
    expect(management.map(named)).toEqual([
      'POST /api/v2/users/[^/]+/recovery-code-regeneration',
      'GET /api/v2/users/[^/]+/enrollments',
      'GET /api/v2/users/[^/]+/authentication-methods',
      'DELETE /api/v2/users/[^/]+/authenticators',
    ])
    for (const r of management) {
      expect({ route: named(r), caller: r.caller.kind, dialect: r.dialect }).toEqual({
        route: named(r),
        caller: 'management-token',
        dialect: 'management',
      })
    }
  })

  it('declares each route once', () => {
    const seen = routes.map(named)
    expect(seen.filter((name, i) => seen.indexOf(name) !== i)).toEqual([])
  })
})
