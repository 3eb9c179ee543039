import { describe, expect, it } from 'vitest'
import { currentTotp } from '../../src/tokens/totp.js'
import { httpDriver } from '../support/drivers.js'
import { ALICE_CODE, form, json, loginForMfaToken, redeem } from '../support/requests.js'

describe('secrets', () => {
  it('never appear in pretty or JSON logs or in the journal', async () => {
    const pretty: string[] = []
    const jsonLines: string[] = []
    const d = await httpDriver({ log: 'pretty', write: (l) => pretty.push(l) })
    const j = await httpDriver({ log: 'json', write: (l) => jsonLines.push(l) })
    const secrets = new Set([
      'Passw0rd!',
      'regular-web-app-secret',
      ALICE_CODE,
      'mfa-token-alice',
      'mfa-token-alice-web',
    ])
    try {
      for (const driver of [d, j]) {
        const mfaToken = await loginForMfaToken(driver)
        secrets.add(mfaToken)
        const web = await driver.fetch(
          '/oauth/token',
          form(
            redeem('mfa-token-alice-web', ALICE_CODE, {
              client_id: 'regular-web-app',
              client_secret: 'regular-web-app-secret',
            }),
          ),
        )
        const tokens = (await web.json()) as Record<string, string>
        for (const key of ['access_token', 'id_token', 'refresh_token', 'recovery_code'])
          secrets.add(tokens[key] ?? key)
        await driver.fetch(
          '/oauth/token',
          form(
            {
              grant_type: 'refresh_token',
              refresh_token: tokens.refresh_token ?? '',
              client_id: 'regular-web-app',
            },
            { authorization: `Basic ${btoa('regular-web-app:regular-web-app-secret')}` },
          ),
        )
        const otp = currentTotp('A7CML4VD2JZFRMMTAAJQN6XH7YVXL4XE', driver.emulator.clock.now())
        secrets.add(otp)
        await driver.fetch(
          '/oauth/token',
          form({
            grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
            client_id: 'spa-client',
            mfa_token: mfaToken,
            otp,
          }),
        )
        const bob = await driver.emulator.issueMfaToken({
          userId: 'auth0|bob',
          clientId: 'spa-client',
        })
        secrets.add(bob)
        const sms = await driver.fetch('/mfa/associate', {
          ...json({
            authenticator_types: ['oob'],
            oob_channels: ['sms'],
            phone_number: '+14155550123',
          }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bob}` },
        })
        const { oob_code = '', recovery_codes = [] } = (await sms.json()) as {
          oob_code?: string
          recovery_codes?: string[]
        }
        const [message] = driver.emulator.messages('auth0|bob')
        secrets.add(oob_code).add(message?.binding_code ?? 'none')
        for (const code of recovery_codes) secrets.add(code)
        await driver.fetch(
          '/oauth/token',
          json({
            grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob',
            client_id: 'spa-client',
            mfa_token: bob,
            oob_code,
            binding_code: message?.binding_code,
          }),
        )
      }
      await new Promise((r) => setTimeout(r, 20))
      const journals = JSON.stringify([d.emulator.requests(), j.emulator.requests()])
      expect(pretty.length).toBe(6)
      expect(jsonLines.length).toBe(6)
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(5)
        for (const [name, text] of [
          ['pretty log', pretty.join('\n')],
          ['JSON log', jsonLines.join('\n')],
          ['journal', journals],
        ] as const) {
          expect(text.includes(secret), `${name} contains ${secret.slice(0, 12)}…`).toBe(false)
        }
      }
    } finally {
      await d.close()
      await j.close()
    }
  })
})
