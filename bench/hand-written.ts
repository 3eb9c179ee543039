// The alternative a user has to the emulator in-process: one msw handler written by hand that
// answers the recovery-code grant with the same JSON shape and an RS256-signed id_token (jose,
// 2048-bit key), with no client, token or state checks beyond the code itself.
import { generateKeyPair, SignJWT } from 'jose'
import { HttpResponse, http } from 'msw'
import { customAlphabet } from 'nanoid'

const newCode = customAlphabet('123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 24)

/** A hand-written recovery-code handler whose current code starts as `code`. */
export async function handWrittenHandler(code: string) {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 })
  let current = code
  const handler = http.post('*/oauth/token', async ({ request }) => {
    const params = new URLSearchParams(await request.text())
    if (params.get('recovery_code') !== current) {
      return HttpResponse.json(
        { error: 'invalid_grant', error_description: 'Invalid recovery_code.' },
        { status: 403 },
      )
    }
    current = newCode()
    const now = Math.floor(Date.now() / 1000)
    const idToken = await new SignJWT({ name: 'alice@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://dev-tenant.local/')
      .setAudience(params.get('client_id') ?? '')
      .setSubject('auth0|alice')
      .setIssuedAt(now)
      .setExpirationTime(now + 36000)
      .sign(privateKey)
    return HttpResponse.json({
      access_token: newCode(),
      id_token: idToken,
      scope: 'openid profile email',
      expires_in: 86400,
      recovery_code: current,
      token_type: 'Bearer',
    })
  })
  return { handler, current: () => current }
}
