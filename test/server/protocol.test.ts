import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/server/index.js'
import { httpText, type RawResponse, rawRequest } from '../support/raw-http.js'

const ALLOW = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'

function expectJsonError(res: RawResponse, status: number, error: string) {
  expect(res.status).toBe(status)
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(JSON.parse(res.body).error).toBe(error)
  expect(res.body).not.toContain('    at ')
}

describe('requests no route can answer, answered in JSON', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ seed: 'protocol' })
  })
  afterAll(() => server.close())
  const send = (text: string) => rawRequest(server.port, text)

  it.each(['TRACE', 'PROPFIND', 'SEARCH', 'MKCOL'])(
    'answers %s with a JSON 405 naming the methods it takes',
    async (method) => {
      const res = await send(httpText(method, '/oauth/token'))
      expectJsonError(res, 405, 'method_not_allowed')
      expect(res.headers.allow).toBe(ALLOW)
      expect(JSON.parse(res.body).error_description).toBe(
        `${method} is not a method the emulator answers; use one of ${ALLOW}`,
      )
    },
  )

  it('answers CONNECT with a JSON 405 instead of dropping the connection', async () => {
    const res = await send(httpText('CONNECT', 'example.com:443', { host: 'example.com:443' }))
    expectJsonError(res, 405, 'method_not_allowed')
  })

  it('answers a method Node does not know with a JSON 405', async () => {
    const res = await send(httpText('BREW', '/oauth/token'))
    expectJsonError(res, 405, 'method_not_allowed')
  })

  it.each(['a b', 'a@b', '', ':', 'a:b:c', '999.1.1.1', '[zz]'])(
    'answers Host %j with a JSON 400, never a 500',
    async (host) => {
      for (const path of ['/oauth/token', '/__emulator/health', '/nope']) {
        const res = await send(httpText('GET', path, { host }))
        expectJsonError(res, 400, 'invalid_request')
      }
    },
  )

  it('answers a request without Host with a JSON 400', async () => {
    const res = await send('GET /__emulator/health HTTP/1.1\r\nConnection: close\r\n\r\n')
    expectJsonError(res, 400, 'invalid_request')
    expect(JSON.parse(res.body).error_description).toBe(
      'The request has no Host header; send the host name or address and port you connected to, e.g. Host: localhost:4000',
    )
  })

  it.each(['http://evil.example/__emulator/users', '*'])(
    'answers the request target %s with a JSON 400',
    async (target) => {
      expectJsonError(await send(httpText('GET', target)), 400, 'invalid_request')
    },
  )

  it.each([
    ['a malformed request line', 'GET /a b c\r\n\r\n'],
    ['a broken header', 'GET / HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n'],
    ['a URL with a tab', 'GET /a\tb HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    [
      'bad chunk framing',
      httpText('POST', '/oauth/token', { 'transfer-encoding': 'chunked' }, 'zz\r\n'),
    ],
  ])('answers %s with a JSON 400 from the parser', async (_what, text) => {
    expectJsonError(await send(text), 400, 'invalid_request')
  })

  it('answers an Expect it does not support with a JSON 417', async () => {
    const res = await send(httpText('POST', '/oauth/token', { expect: 'teapot' }))
    expectJsonError(res, 417, 'expectation_failed')
  })

  it.each([
    '/__emulator/health',
    '/__emulator/scenarios',
    '/__emulator/users',
    '/__emulator/users/auth0%7Calice',
    '/__emulator/',
    '/.well-known/openid-configuration',
    '/.well-known/jwks.json',
  ])('answers HEAD %s as GET, without a body', async (path) => {
    const get = await send(httpText('GET', path))
    const head = await send(httpText('HEAD', path))
    expect(get.status).toBe(200)
    expect(head.status).toBe(200)
    expect(head.headers['content-type']).toBe(get.headers['content-type'])
    expect(head.body).toBe('')
  })
})
