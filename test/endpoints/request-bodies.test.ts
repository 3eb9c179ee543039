import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { BOTH_MODES } from '../support/drivers.js'
import { json } from '../support/requests.js'

const BASE = 'https://dev-tenant.local'

/** A body stream that fails after its first bytes, as an aborted upload does. */
function failingBody(): ReadableStream<Uint8Array> {
  let sent = false
  return new ReadableStream({
    pull(controller) {
      if (sent) return controller.error(new Error('connection reset'))
      sent = true
      controller.enqueue(new TextEncoder().encode('{"a":'))
    },
  })
}

type Emulator = ReturnType<typeof createEmulator>
type Auth = (emulator: Emulator) => Promise<Record<string, string>>

const mfaBearer: Auth = async (emulator) => ({
  authorization: `Bearer ${await emulator.issueMfaToken({ userId: 'auth0|bob', clientId: 'spa-client' })}`,
})

/** A Management API token of the default fixture's m2m-client. */
const managementBearer: Auth = async (emulator) => {
  const res = await getResponse(
    emulator.handlers,
    new Request(`${BASE}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'm2m-client',
        client_secret: 'm2m-client-secret',
        audience: `${BASE}/api/v2/`,
      }),
    }),
  )
  const { access_token } = ((await res?.json()) as { access_token?: string } | undefined) ?? {}
  return { authorization: `Bearer ${access_token}` }
}

/** The answer to a POST to `path` whose JSON body stream fails midway. */
async function answer(path: string, auth?: Auth) {
  const emulator = createEmulator({ seed: 'bodies' })
  const request = new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await auth?.(emulator)) },
    body: failingBody(),
    duplex: 'half',
  } as RequestInit)
  const res = await getResponse(emulator.handlers, request)
  return { status: res?.status, type: res?.headers.get('content-type'), body: await res?.text() }
}

const INVALID_BODY =
  '{"error":"invalid_request","error_description":"Request body could not be read"}'

describe('request bodies', () => {
  it.each([
    ['/oauth/token', undefined, 'application/json'],
    ['/oauth/revoke', undefined, 'application/json'],
    ['/mfa/challenge', undefined, 'application/json; charset=utf-8'],
    ['/mfa/associate', mfaBearer, 'application/json; charset=utf-8'],
    ['/__emulator/mfa-tokens', undefined, 'application/json; charset=utf-8'],
  ])('answers 400 when the body stream of POST %s fails', async (path, auth, type) => {
    expect(await answer(path, auth)).toEqual({ status: 400, type, body: INVALID_BODY })
  })

  it('answers the Management API 400 when its body stream fails', async () => {
    const path = '/api/v2/users/auth0%7Calice/recovery-code-regeneration'
    expect(await answer(path, managementBearer)).toEqual({
      status: 400,
      type: 'application/json; charset=utf-8',
      body: '{"statusCode":400,"error":"Bad Request","message":"Invalid request payload JSON format"}',
    })
  })
})

describe.each(BOTH_MODES)('deeply nested JSON (%s)', (_mode, factory) => {
  it('answers /mfa/associate with its 400, not a 500', async () => {
    const d = await factory()
    try {
      const mfaToken = await d.emulator.issueMfaToken({
        userId: 'auth0|bob',
        clientId: 'spa-client',
      })
      const nested = `{"authenticator_types":["otp"],"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`
      const res = await d.fetch('/mfa/associate', {
        ...json({}, { authorization: `Bearer ${mfaToken}` }),
        body: nested,
      })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(await res.text()).toBe(
        '{"error":"invalid_request","error_description":"Request body is nested deeper than 32 levels"}',
      )
    } finally {
      await d.close()
    }
  })
})
