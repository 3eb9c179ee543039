import { mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExample } from '../../examples/browser-worker/build.js'
import defaultJson from '../../fixtures/default.json' with { type: 'json' }
import type { FixtureInput } from '../../src/index.js'
import { type RunningServer, startServer } from '../../src/server/index.js'
import { chromiumAvailable, launchChromium } from '../support/chromium.js'
import { serveStatic } from '../support/static-server.js'

const require = createRequire(import.meta.url)
const SPA_JS = join(
  require.resolve('@auth0/auth0-spa-js'),
  '..',
  '..',
  'auth0-spa-js.production.js',
)
const SPA_PAGE = fileURLToPath(new URL('./spa.html', import.meta.url))
const CODE_FORMAT = /^[1-9A-HJ-NP-Z]{24}$/

describe.skipIf(!chromiumAvailable())('in Chromium', () => {
  let browser: Browser
  let context: BrowserContext
  const closers: (() => Promise<void>)[] = []

  beforeAll(async () => {
    browser = await launchChromium()
    context = await browser.newContext({ ignoreHTTPSErrors: true })
  })
  afterAll(async () => {
    for (const close of closers.reverse()) await close()
    await browser?.close()
  })

  /** The standalone emulator over HTTPS, with `origin` added to spa-client's allowed origins. */
  async function emulatorFor(origin: string): Promise<RunningServer> {
    const dir = process.env.AUTH0_MFA_EMULATOR_TEST_TLS ?? ''
    const fixtures = {
      ...(defaultJson as FixtureInput),
      clients: (defaultJson.clients as NonNullable<FixtureInput['clients']>).map((c) =>
        c.client_id === 'spa-client'
          ? { ...c, allowed_origins: [...(c.allowed_origins ?? []), origin] }
          : c,
      ),
    }
    const tls = {
      cert: readFileSync(join(dir, 'cert.pem')),
      key: readFileSync(join(dir, 'key.pem')),
    }
    // The page mints its mfa_token through the control API, which clients' origins do not open.
    const server = await startServer({ fixtures, tls, controlOrigins: [origin] })
    closers.push(() => server.close())
    return server
  }

  async function spaPage(allowOrigin = true) {
    const site = await serveStatic('.', { '/': SPA_PAGE, '/auth0-spa-js.js': SPA_JS })
    closers.push(site.close)
    const emulator = await emulatorFor(allowOrigin ? site.origin : 'http://localhost:1')
    const page = await context.newPage()
    await page.goto(`${site.origin}/?domain=${new URL(emulator.url).host}`)
    const recover = async () => {
      await page.getByRole('button', { name: "Recover with alice's code" }).click()
      await page.waitForFunction(() => document.getElementById('result')?.textContent !== 'working')
      return (await page.locator('#result').textContent()) ?? ''
    }
    return { page, emulator, recover }
  }

  it('runs the recovery flow through the service worker of the browser example', async () => {
    const out = await buildExample(mkdtempSync(join(tmpdir(), 'worker-example-')))
    const site = await serveStatic(out)
    closers.push(site.close)
    const page = await context.newPage()
    await page.goto(site.origin)
    await page.waitForFunction(() =>
      /^(done|failed)/.test(document.getElementById('status')?.textContent ?? ''),
    )
    expect(await page.locator('#status').textContent()).toBe('done')
    expect(await page.locator('#new-code').textContent()).toMatch(CODE_FORMAT)
    expect(await page.locator('#reuse').textContent()).toBe('invalid_grant: Invalid recovery_code.')
    await page.close()
  })

  it('completes auth0.mfa.verify with auth0-spa-js from another origin and shows the new code', async () => {
    const { page, emulator, recover } = await spaPage()
    const result = await recover()
    expect(result).toMatch(/^new code [1-9A-HJ-NP-Z]{24}$/)
    expect(result).toBe(`new code ${emulator.emulator.currentRecoveryCode('auth0|alice')}`)
    await page.close()
  })

  it("is refused by the browser when the page's origin is not an allowed origin", async () => {
    const { page, recover } = await spaPage(false)
    expect(await recover()).toBe('error Failed to fetch')
    await page.close()
  })

  it('keeps a page from another origin from changing state through the control API', async () => {
    const site = await serveStatic('.', { '/': SPA_PAGE, '/auth0-spa-js.js': SPA_JS })
    closers.push(site.close)
    // spa-client allows the page's origin; that opens the Auth0 endpoints, not the control API.
    const emulator = await emulatorFor('http://localhost:1')
    emulator.emulator.scenarios.enable('slow')
    const page = await context.newPage()
    await page.goto(site.origin)
    const outcomes = await page.evaluate(async (base) => {
      const attempts = [
        fetch(`${base}/__emulator/reset`, { method: 'POST', mode: 'no-cors' }),
        fetch(`${base}/__emulator/reset`, {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body: '{}',
        }),
        fetch(`${base}/__emulator/scenarios`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: '{"enabled":[]}',
        }),
      ]
      return (await Promise.allSettled(attempts)).map((a) => a.status)
    }, emulator.url)
    // The opaque no-cors answers resolve, the preflighted one fails; none changed anything.
    expect(outcomes).toEqual(['fulfilled', 'fulfilled', 'rejected'])
    expect(emulator.emulator.scenarios.list()).toEqual(['slow'])
    await page.close()
  })

  it('keeps a page from another origin from framing the inspector', async () => {
    const site = await serveStatic('.', { '/': SPA_PAGE, '/auth0-spa-js.js': SPA_JS })
    closers.push(site.close)
    const emulator = await emulatorFor('http://localhost:1')
    const page = await context.newPage()
    await page.goto(site.origin)
    const inspector = `${emulator.url}/__emulator/`
    await page.evaluate(
      (src) =>
        new Promise((resolve) => {
          const frame = document.createElement('iframe')
          frame.src = src
          frame.onload = resolve
          document.body.append(frame)
        }),
      inspector,
    )
    const framed = page.frames().find((f) => f !== page.mainFrame())
    expect(framed?.url()).not.toBe(inspector)
    expect(await framed?.locator('input[type=checkbox]').count()).toBe(0)
    await page.close()
  })

  it('toggles expired-mfa-token in the inspector and another page sees it, then not', async () => {
    const { page, emulator, recover } = await spaPage()
    const inspector = await context.newPage()
    await inspector.goto(`${emulator.url}/__emulator/`)
    const toggle = inspector.getByRole('checkbox', { name: /expired-mfa-token/ })
    await toggle.check()
    await expect.poll(() => emulator.emulator.scenarios.list()).toEqual(['expired-mfa-token'])
    expect(await recover()).toBe('error expired_token')
    await toggle.uncheck()
    await expect.poll(() => emulator.emulator.scenarios.list()).toEqual([])
    expect(await recover()).toMatch(/^new code [1-9A-HJ-NP-Z]{24}$/)
    const code = emulator.emulator.currentRecoveryCode('auth0|alice') ?? ''
    // The inspector refreshes every 2 s: wait for its next refresh.
    await expect
      .poll(() => inspector.locator('code[data-user="auth0|alice"]').textContent(), {
        timeout: 30_000,
      })
      .toBe(code)
    await inspector.close()
    await page.close()
  })

  it('approves and rejects pending pushes from the inspector', async () => {
    const fixtures = {
      ...(defaultJson as FixtureInput),
      users: [
        ...(defaultJson.users as NonNullable<FixtureInput['users']>),
        {
          user_id: 'auth0|erin',
          email: 'erin@example.com',
          password: 'Passw0rd!',
          mfa_required: true,
          authenticators: [{ type: 'push' as const }],
        },
      ],
    }
    const server = await startServer({ fixtures })
    closers.push(() => server.close())
    const challenge = async () => {
      const mfaToken = await server.emulator.issueMfaToken({
        userId: 'auth0|erin',
        clientId: 'spa-client',
      })
      const res = await fetch(`${server.url}/mfa/challenge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: 'spa-client',
          mfa_token: mfaToken,
          challenge_type: 'oob',
        }),
      })
      const { oob_code } = (await res.json()) as { oob_code: string }
      return async () => {
        const poll = await fetch(`${server.url}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob',
            client_id: 'spa-client',
            mfa_token: mfaToken,
            oob_code,
          }),
        })
        return poll.status === 200 ? 'tokens' : ((await poll.json()) as { error: string }).error
      }
    }
    const inspector = await context.newPage()
    await inspector.goto(`${server.url}/__emulator/`)
    const approved = await challenge()
    await inspector.getByRole('button', { name: 'Approve push for auth0|erin' }).click()
    await expect.poll(() => server.emulator.push.pending().length).toBe(0)
    expect(await approved()).toBe('tokens')
    const rejected = await challenge()
    await inspector.getByRole('button', { name: 'Reject push for auth0|erin' }).click()
    await expect.poll(() => server.emulator.push.pending().length).toBe(0)
    expect(await rejected()).toBe('access_denied')
    await expect
      .poll(() => inspector.locator('#pushes').textContent(), { timeout: 30_000 })
      .toContain('No pending pushes')
    await inspector.close()
  })
})
