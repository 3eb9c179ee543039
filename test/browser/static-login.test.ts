import { createHash, X509Certificate } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import type { FixtureInput } from '../../src/index.js'
import { type RunningServer, startServer } from '../../src/server/index.js'
import { generateDevCertificate } from '../../src/server/tls.js'
import { chromiumAvailable, launchChromium, launchChromiumTrusting } from '../support/chromium.js'
import { serveStatic } from '../support/static-server.js'

const EXAMPLE = fileURLToPath(new URL('../../examples/static-login/', import.meta.url))

/** What docs/frontend.md computes with openssl: base64 of SHA-256 over the certificate's SPKI. */
function spkiHash(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(spki).digest('base64')
}

// examples/static-login in Chromium against the emulator over HTTPS, its generated certificate
// trusted the way docs/frontend.md says (no ignoreHTTPSErrors).
describe.skipIf(!chromiumAvailable())('examples/static-login in Chromium', () => {
  let context: BrowserContext
  let emulator: RunningServer
  let site: Awaited<ReturnType<typeof serveStatic>>

  beforeAll(async () => {
    site = await serveStatic(EXAMPLE)
    const fixtures = {
      ...(defaultJson as FixtureInput),
      clients: (defaultJson.clients as NonNullable<FixtureInput['clients']>).map((c) =>
        c.client_id === 'spa-client'
          ? { ...c, allowed_origins: [...(c.allowed_origins ?? []), site.origin] }
          : c,
      ),
    }
    const tls = await generateDevCertificate(['127.0.0.1', 'localhost'])
    emulator = await startServer({ fixtures, tls })
    context = await launchChromiumTrusting(spkiHash(tls.cert))
  })
  afterAll(async () => {
    await context?.close()
    await emulator?.close()
    await site?.close()
  })

  it('signs in with a password, meets mfa_required, and recovers with a recovery code', async () => {
    const page = await context.newPage()
    await page.goto(`${site.origin}/?emulator=${emulator.url}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.locator('#status').textContent()).toBe('mfa_required')
    await page.getByLabel('Recovery code').fill('K6LGLV3RSH3VERMKET8L7QKU')
    await page.getByRole('button', { name: 'Use recovery code' }).click()
    await expect
      .poll(() => page.locator('#status').textContent())
      .toMatch(/^signed in; your new recovery code is [1-9A-HJ-NP-Z]{24}$/)
    const next = emulator.emulator.currentRecoveryCode('auth0|alice')
    expect(next).not.toBe('K6LGLV3RSH3VERMKET8L7QKU')
    expect(await page.locator('#status').textContent()).toContain(next)
  })

  it('shows only "Failed to fetch" when the browser does not trust the certificate', async () => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.goto(`${site.origin}/?emulator=${emulator.url}`)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect
        .poll(() => page.locator('#status').textContent())
        .toBe(`cannot reach ${emulator.url}: Failed to fetch`)
    } finally {
      await browser.close()
    }
  })
})
