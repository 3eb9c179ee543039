import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/server/index.js'

describe('standalone server', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ seed: 'server' })
  })
  afterAll(() => server.close())

  it('binds loopback on a free port by default', () => {
    expect(server.host).toBe('127.0.0.1')
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
  })

  it('answers an unknown path with a JSON 404, never an HTML page', async () => {
    const res = await fetch(`${server.url}/nowhere?client_id=x`)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await res.text()).toBe(
      '{"error":"not_found","error_description":"Not found: GET /nowhere"}',
    )
  })

  it('answers a wrong method on a known path with a JSON 405', async () => {
    const res = await fetch(`${server.url}/oauth/token`, { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect(await res.json()).toEqual({
      error: 'method_not_allowed',
      error_description: 'DELETE is not allowed on /oauth/token; use POST',
    })
  })

  it('does not advertise express', async () => {
    const res = await fetch(`${server.url}/__emulator/health`)
    expect(res.headers.get('x-powered-by')).toBeNull()
  })

  it('hands the handlers the raw body, so both form and JSON parse', async () => {
    const body = {
      grant_type: 'password',
      username: 'carol@example.com',
      password: 'Passw0rd!',
      client_id: 'spa-client',
    }
    const asForm = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body),
    })
    const asJson = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect([asForm.status, asJson.status]).toEqual([200, 200])
  })

  it('closes cleanly with a keep-alive connection open', async () => {
    const other = await startServer()
    await fetch(`${other.url}/__emulator/health`, { headers: { connection: 'keep-alive' } })
    await expect(other.close()).resolves.toBeUndefined()
  })
})
