import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningServer, type StartServerOptions, startServer } from '../../src/server/index.js'
import { DEFAULT_LIMITS } from '../../src/server/limits.js'
import { httpText, parseResponses, rawConnect, rawRequest } from '../support/raw-http.js'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close(0)
  server = undefined
})

async function start(options: StartServerOptions = {}) {
  server = await startServer({ seed: 'limits', ...options })
  return server
}

describe('resource bounds', () => {
  it('sets every bound explicitly by default', async () => {
    const { server: node } = await start()
    expect(DEFAULT_LIMITS).toEqual({
      maxHeaderSize: 16384,
      headersTimeout: 20_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 5_000,
      maxConnections: 1000,
    })
    expect([
      node.headersTimeout,
      node.requestTimeout,
      node.keepAliveTimeout,
      node.maxConnections,
    ]).toEqual([20_000, 30_000, 5_000, 1000])
  })

  it('refuses a request head past maxHeaderSize with a JSON 431', async () => {
    const { port } = await start({ maxHeaderSize: 2048 })
    const res = await rawRequest(
      port,
      httpText('GET', '/__emulator/health', { cookie: 'x'.repeat(4096) }),
    )
    expect(res.status).toBe(431)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(res.body)).toEqual({
      error: 'invalid_request',
      error_description:
        'The request line and headers are larger than 2048 bytes; send fewer or smaller headers (large cookies?)',
    })
  })

  it('answers a head that never ends with a JSON 408 after headersTimeout', async () => {
    const { port } = await start({ headersTimeout: 400, requestTimeout: 5000 })
    const connection = await rawConnect(port)
    const started = Date.now()
    connection.socket.write('GET /__emulator/health HTTP/1.1\r\nHost: localhost\r\n')
    const [res] = parseResponses(await connection.closed(10_000))
    expect(res?.status).toBe(408)
    expect(JSON.parse(res?.body ?? '{}').error).toBe('request_timeout')
    expect(Date.now() - started).toBeLessThan(4000)
  })

  it('answers a body that never ends with a JSON 408 after requestTimeout', async () => {
    const { port } = await start({ headersTimeout: 300, requestTimeout: 600 })
    const connection = await rawConnect(port)
    const started = Date.now()
    connection.socket.write(httpText('POST', '/oauth/token', { 'content-length': '100' }, 'a=b'))
    const [res] = parseResponses(await connection.closed(10_000))
    expect(res?.status).toBe(408)
    expect(Date.now() - started).toBeLessThan(4000)
  })

  it('does not time out a slow answer: the timeouts bound what the client sends', async () => {
    const { url } = await start({ headersTimeout: 300, requestTimeout: 500 })
    server?.emulator.scenarios.enable('slow', { delayMs: 1500 })
    const res = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&client_id=spa-client&username=carol%40example.com&password=Passw0rd!',
    })
    expect(res.status).toBe(200)
  })

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const { port } = await start({ keepAliveTimeout: 300 })
    const connection = await rawConnect(port)
    connection.socket.write(httpText('GET', '/__emulator/health', { connection: 'keep-alive' }))
    await connection.responses(1)
    const started = Date.now()
    await connection.closed(10_000)
    expect(connection.socket.readableEnded || connection.socket.destroyed).toBe(true)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('closes connections past maxConnections as they arrive', async () => {
    const { port } = await start({ maxConnections: 2 })
    const open = [await rawConnect(port), await rawConnect(port)]
    for (const c of open)
      c.socket.write(httpText('GET', '/__emulator/health', { connection: 'keep-alive' }))
    await Promise.all(open.map((c) => c.responses(1)))
    const third = connect(port, '127.0.0.1')
    const closed = await new Promise<boolean>((resolve) => {
      third.on('error', () => {})
      third.once('close', () => resolve(true))
      setTimeout(() => resolve(false), 5000)
    })
    expect(closed).toBe(true)
    for (const c of open) c.socket.destroy()
  })
})
