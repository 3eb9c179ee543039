import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import { createEmulator, type FixtureInput, parseFixtureFile } from '../../src/index.js'
import { type RunningServer, startServer } from '../../src/server/index.js'
import { ALICE_CODE, form, redeem } from '../support/requests.js'

const acme: FixtureInput = {
  ...(defaultJson as FixtureInput),
  tenant: { name: 'acme', domain: 'acme.local', friendly_name: 'Acme' },
}

/** POSTs a form with an explicit Host header (fetch may not set Host). */
function postWithHost(base: string, host: string, path: string, body: Record<string, string>) {
  return new Promise<{ status: number; body: Record<string, string> }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
    })
    req.on('response', (res) => {
      let text = ''
      res.on('data', (c) => {
        text += c
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end(new URLSearchParams(body).toString())
  })
}

describe('several tenants on one server', () => {
  let server: RunningServer
  beforeAll(async () => {
    const tenants = parseFixtureFile({ tenants: [defaultJson, acme] }).map((f) =>
      createEmulator({ fixtures: f as FixtureInput, seed: f.tenant.domain }),
    )
    server = await startServer({ emulators: tenants })
  })
  afterAll(() => server.close())

  const dev = () => server.emulators.get('dev-tenant')
  const other = () => server.emulators.get('acme')

  it('names tenants by tenant.name or the first label of their domain', () => {
    expect([...server.emulators.keys()]).toEqual(['dev-tenant', 'acme'])
  })

  it('keeps independent codes for tenants driven in parallel, one by header and one by host', async () => {
    type Answer = { status: number; body: Record<string, string> }
    const chain = async (redeemOnce: (code: string) => Promise<Answer>) => {
      let code = ALICE_CODE
      for (let i = 0; i < 10; i++) {
        const { status, body } = await redeemOnce(code)
        expect(status).toBe(200)
        code = body.recovery_code ?? ''
      }
      return code
    }
    const [devCode, acmeCode] = await Promise.all([
      chain(async (code) => {
        const token = await dev()?.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
        const res = await fetch(
          `${server.url}/oauth/token`,
          form(redeem(token ?? '', code), { 'auth0-emulator-tenant': 'dev-tenant' }),
        )
        return { status: res.status, body: (await res.json()) as Record<string, string> }
      }),
      chain(async (code) => {
        const token = await other()?.issueMfaToken({
          userId: 'auth0|alice',
          clientId: 'spa-client',
        })
        return postWithHost(
          server.url,
          `acme.localhost:${server.port}`,
          '/oauth/token',
          redeem(token ?? '', code),
        )
      }),
    ])
    expect(dev()?.currentRecoveryCode('auth0|alice')).toBe(devCode)
    expect(other()?.currentRecoveryCode('auth0|alice')).toBe(acmeCode)
    expect(devCode).not.toBe(acmeCode)
  })

  it('resets only the tenant the request names', async () => {
    await fetch(
      `${server.url}/oauth/token`,
      form(redeem('mfa-token-alice', ALICE_CODE), { 'auth0-emulator-tenant': 'acme' }),
    )
    await fetch(
      `${server.url}/oauth/token`,
      form(redeem('mfa-token-alice', ALICE_CODE), { 'auth0-emulator-tenant': 'dev-tenant' }),
    )
    const res = await fetch(`${server.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'auth0-emulator-tenant': 'acme' },
    })
    expect(res.status).toBe(200)
    expect(other()?.currentRecoveryCode('auth0|alice')).toBe(ALICE_CODE)
    expect(dev()?.currentRecoveryCode('auth0|alice')).not.toBe(ALICE_CODE)
  })

  it('issues tokens whose issuer is the tenant host', async () => {
    other()?.reset()
    const fresh = await other()?.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
    const { body } = await postWithHost(
      server.url,
      `acme.localhost:${server.port}`,
      '/oauth/token',
      redeem(fresh ?? '', ALICE_CODE),
    )
    const claims = JSON.parse(
      Buffer.from((body.id_token ?? '').split('.')[1] ?? '', 'base64url').toString(),
    )
    expect(claims.iss).toBe(`http://acme.localhost:${server.port}/`)
  })

  it('refuses an unknown tenant in the header, naming the known ones', async () => {
    const res = await fetch(`${server.url}/__emulator/health`, {
      headers: { 'auth0-emulator-tenant': 'nope' },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description:
        "Unknown tenant 'nope' in the Auth0-Emulator-Tenant header; known tenants: dev-tenant, acme",
    })
  })

  it('refuses two tenants with one name in the fixture file', () => {
    expect(() => parseFixtureFile({ tenants: [defaultJson, defaultJson] }, 'multi.json')).toThrow(
      "multi.json: tenants[1].tenant.name: duplicate tenant name 'dev-tenant'; give each tenant a distinct name",
    )
  })
})
