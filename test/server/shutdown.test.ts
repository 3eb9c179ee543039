import { describe, expect, it } from 'vitest'
import { startServer } from '../../src/server/index.js'
import { httpText, parseResponses, rawConnect } from '../support/raw-http.js'

const SLOW_LOGIN = httpText(
  'POST',
  '/oauth/token',
  {
    connection: 'keep-alive',
    'content-type': 'application/x-www-form-urlencoded',
    'auth0-emulator-scenario': 'slow',
  },
  'grant_type=password&client_id=spa-client&username=carol%40example.com&password=Passw0rd!',
)

describe('graceful shutdown', () => {
  it('closes idle keep-alive connections at once and stops accepting new ones', async () => {
    const server = await startServer({ keepAliveTimeout: 60_000 })
    const idle = await rawConnect(server.port)
    idle.socket.write(httpText('GET', '/__emulator/health', { connection: 'keep-alive' }))
    await idle.responses(1)
    const started = Date.now()
    const closed = server.close()
    await idle.closed(5000)
    expect(idle.socket.readableEnded || idle.socket.destroyed).toBe(true)
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(rawConnect(server.port)).rejects.toThrow(/ECONNREFUSED/)
    await closed
  })

  it('lets an in-flight request finish, answered with Connection: close, then closes', async () => {
    const server = await startServer({ keepAliveTimeout: 60_000 })
    const busy = await rawConnect(server.port)
    busy.socket.write(SLOW_LOGIN)
    await new Promise((r) => setTimeout(r, 300))
    const closed = server.close()
    const [res] = parseResponses(await busy.closed(10_000))
    expect(res?.status).toBe(200)
    expect(res?.headers.connection).toBe('close')
    expect(JSON.parse(res?.body ?? '{}').access_token).toEqual(expect.any(String))
    await closed
  })

  it('marks every answer still in flight with Connection: close, on a connection that answered before too', async () => {
    const server = await startServer({ keepAliveTimeout: 60_000 })
    const busy = await rawConnect(server.port)
    busy.socket.write(SLOW_LOGIN)
    const other = await rawConnect(server.port)
    other.socket.write(httpText('GET', '/__emulator/health', { connection: 'keep-alive' }))
    await other.responses(1)
    // `other` is busy sending its second request when the drain starts.
    other.socket.write(SLOW_LOGIN)
    await new Promise((r) => setTimeout(r, 200))
    const closed = server.close()
    const responses = parseResponses(await other.closed(10_000))
    expect(responses.map((r) => [r.status, r.headers.connection])).toEqual([
      [200, 'keep-alive'],
      [200, 'close'],
    ])
    await busy.closed(10_000)
    await closed
  })

  it('cuts what is still open at the deadline', async () => {
    const server = await startServer()
    server.emulator.scenarios.enable('slow', { delayMs: 5000 })
    const busy = await rawConnect(server.port)
    busy.socket.write(SLOW_LOGIN)
    await new Promise((r) => setTimeout(r, 200))
    const started = Date.now()
    await server.close(300)
    expect(Date.now() - started).toBeLessThan(2000)
    await busy.closed(2000)
    expect(busy.received()).toBe('')
  })
})
