import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/server/index.js'

const OOB_GRANT = 'http://auth0.com/oauth/grant-type/mfa-oob'

describe('Guardian push against the standalone server, answered through the control API', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ seed: 'push', port: 0 })
  })
  afterAll(() => server.close())

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  const login = async () => {
    const { body } = await post('/oauth/token', {
      grant_type: 'password',
      client_id: 'spa-client',
      username: 'bob@example.com',
      password: 'Passw0rd!',
      scope: 'openid',
    })
    return String(body.mfa_token)
  }
  const poll = (mfaToken: string, oobCode: string) =>
    post('/oauth/token', {
      grant_type: OOB_GRANT,
      client_id: 'spa-client',
      mfa_token: mfaToken,
      oob_code: oobCode,
    })
  /** Answers the newest pending push from the control API, then lets the poll interval pass. */
  const answer = async (verb: 'approve' | 'reject') => {
    const pushes = (await (await fetch(`${server.url}/__emulator/pushes`)).json()) as {
      id: string
    }[]
    const answered = await post(`/__emulator/pushes/${pushes[0]?.id}/${verb}`, {})
    expect(answered.status).toBe(200)
    await post('/__emulator/clock', { advance_ms: 5_000 })
  }

  it('enrols push, approves a challenge, then rejects one, all over plain fetch', async () => {
    const enrolToken = await login()
    const enrolment = await post(
      '/mfa/associate',
      { authenticator_types: ['oob'], oob_channels: ['auth0'] },
      { authorization: `Bearer ${enrolToken}` },
    )
    const enrolCode = String(enrolment.body.oob_code)
    expect((await poll(enrolToken, enrolCode)).body.error).toBe('authorization_pending')
    await answer('approve')
    expect((await poll(enrolToken, enrolCode)).status).toBe(200)

    const mfaToken = await login()
    const challenge = await post('/mfa/challenge', {
      client_id: 'spa-client',
      mfa_token: mfaToken,
      challenge_type: 'oob',
    })
    const oobCode = String(challenge.body.oob_code)
    expect(await poll(mfaToken, oobCode)).toMatchObject({ status: 400 })
    await answer('approve')
    const tokens = await poll(mfaToken, oobCode)
    expect(tokens).toMatchObject({ status: 200, body: { token_type: 'Bearer' } })

    const refusedToken = await login()
    const refused = await post('/mfa/challenge', {
      client_id: 'spa-client',
      mfa_token: refusedToken,
      challenge_type: 'oob',
    })
    await answer('reject')
    expect(await poll(refusedToken, String(refused.body.oob_code))).toEqual({
      status: 400,
      body: { error: 'access_denied', error_description: 'MFA Authorization rejected.' },
    })
  })
})
