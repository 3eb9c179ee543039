// The stack's own limit for a token answer: express 5 + @mswjs/http-middleware + msw with one
// handler that reads the form and signs one RS256 id_token (2048-bit key) with node:crypto on
// libuv's thread pool, as the emulator signs. No client, user, code or state checks: what is
// left between this server and the emulator is the emulator's own work per request. The bench
// drives it with the very requests it sends the emulator, so the load generator, which shares
// the machine, does the same work for both.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { createMiddleware } from '@mswjs/http-middleware'
import express from 'express'
import { HttpResponse, http } from 'msw'

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'stack-limit' })

const signJwt = (claims) => {
  const input = `${header}.${b64(claims)}`
  return new Promise((resolve, reject) =>
    sign('sha256', Buffer.from(input), privateKey, (err, signature) =>
      err ? reject(err) : resolve(`${input}.${signature.toString('base64url')}`),
    ),
  )
}

const token = http.post('*/oauth/token', async ({ request }) => {
  const form = new URLSearchParams(await request.text())
  const issuer = `${new URL(request.url).origin}/`
  const iat = Math.floor(Date.now() / 1000)
  const idToken = await signJwt({
    nickname: 'carol',
    name: form.get('username'),
    picture:
      'https://s.gravatar.com/avatar/0?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fca.png',
    updated_at: '2024-01-01T00:00:00.000Z',
    email: form.get('username'),
    email_verified: true,
    iss: issuer,
    aud: form.get('client_id'),
    sub: 'auth0|carol',
    iat,
    exp: iat + 36000,
  })
  // The recovery-code grant's answer carries a new code, as the emulator's does.
  const recovery = form.get('grant_type')?.endsWith('mfa-recovery-code')
  return HttpResponse.json(
    {
      access_token: randomBytes(24).toString('base64url'),
      id_token: idToken,
      scope: form.get('scope') ?? 'openid profile email',
      expires_in: 86400,
      ...(recovery ? { recovery_code: randomBytes(18).toString('base64url').toUpperCase() } : {}),
      token_type: 'Bearer',
    },
    { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } },
  )
})

const app = express()
app.use(createMiddleware(token))
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
