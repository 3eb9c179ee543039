import https from 'node:https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BOTH_MODES, type Driver, inProcessDriver } from '../support/drivers.js'

describe.each(BOTH_MODES)('discovery (%s)', (_mode, factory) => {
  let d: Driver
  beforeAll(async () => {
    d = await factory()
  })
  afterAll(() => d.close())

  it('answers every URL it advertises, never with a 404', async () => {
    const config = (await (await d.fetch('/.well-known/openid-configuration')).json()) as Record<
      string,
      unknown
    >
    const urls = Object.entries(config).filter(
      (e): e is [string, string] =>
        (e[0].endsWith('_endpoint') || e[0] === 'jwks_uri') && typeof e[1] === 'string',
    )
    expect(urls.map(([name]) => name).sort()).toEqual([
      'authorization_endpoint',
      'device_authorization_endpoint',
      'end_session_endpoint',
      'jwks_uri',
      'mfa_challenge_endpoint',
      'registration_endpoint',
      'revocation_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
    ])
    for (const [name, url] of urls) {
      const path = new URL(url).pathname
      const res = await d.fetch(path, { method: 'POST' })
      expect(res.status, `${name} ${path}`).not.toBe(404)
      expect(res.headers.get('content-type'), `${name} ${path}`).toMatch(
        /^(application\/json|text\/plain)/,
      )
      expect(res.headers.get('content-length'), `${name} ${path}`).toBe(
        String(Buffer.byteLength(await res.text())),
      )
    }
  })
})

describe('in-process answers', () => {
  let d: Driver
  beforeAll(() => {
    d = inProcessDriver()
  })
  afterAll(() => d.close())

  it('end for a client that sends Connection: keep-alive itself', async () => {
    const body = await new Promise<{ length: string | undefined; text: string }>(
      (resolve, reject) => {
        // Read at call time: msw patches the module's request function when it starts.
        const req = https.request(
          'https://dev-tenant.local/.well-known/jwks.json',
          { headers: { connection: 'keep-alive' } },
          (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (chunk: string) => {
              text += chunk
            })
            res.on('end', () => resolve({ length: res.headers['content-length'], text }))
            res.on('error', reject)
          },
        )
        req.on('error', reject)
        req.end()
      },
    )
    expect(JSON.parse(body.text).keys).toHaveLength(1)
    expect(body.length).toBe(String(Buffer.byteLength(body.text)))
  })
})
