import { mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
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

  /** The inspector of `server` in a context of its own that may use the clipboard. */
  async function inspectorOf(
    server: RunningServer,
    options: { viewport?: { width: number; height: number }; adminToken?: string } = {},
  ): Promise<Page> {
    const own = await browser.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
      ...(options.viewport ? { viewport: options.viewport } : {}),
    })
    closers.push(() => own.close())
    const page = await own.newPage()
    const fragment = options.adminToken ? `#admin-token=${options.adminToken}` : ''
    await page.goto(`${server.url}/__emulator/${fragment}`)
    return page
  }

  /** The mfa_tokens GET /__emulator/mfa-tokens lists. */
  async function listedTokens(server: RunningServer, adminToken?: string) {
    const res = await fetch(`${server.url}/__emulator/mfa-tokens`, {
      headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {},
    })
    return (await res.json()) as { mfa_token: string; user_id: string; client_id: string }[]
  }

  const tokenEnds = (page: Page) =>
    page
      .locator('#tokens code.token-end')
      .allTextContents()
      .then((ends) => ends.sort())

  it('tells minted mfa_tokens apart by their last characters and copies a whole one', async () => {
    const server = await startServer({ fixtures: defaultJson as FixtureInput })
    closers.push(() => server.close())
    const alices = await server.emulator.issueMfaToken({
      userId: 'auth0|alice',
      clientId: 'spa-client',
    })
    const bobs = await server.emulator.issueMfaToken({
      userId: 'auth0|bob',
      clientId: 'regular-web-app',
    })
    expect(alices.slice(0, 7)).toBe('Fe26.2*')
    expect(bobs.length).toBeGreaterThan(1000)
    expect(alices.slice(-8)).not.toBe(bobs.slice(-8))
    const page = await inspectorOf(server)
    await expect
      .poll(() => tokenEnds(page), { timeout: 30_000 })
      .toEqual(
        [
          `…${alices.slice(-8)}`,
          `…${bobs.slice(-8)}`,
          'mfa-token-alice',
          'mfa-token-alice-web',
        ].sort(),
      )
    const copy = page.getByRole('button', {
      name: `Copy mfa_token …${bobs.slice(-8)} of auth0|bob`,
    })
    const cells = await page.locator('#tokens tr', { has: copy }).locator('td').allTextContents()
    expect(cells.slice(0, 4)).toEqual([
      `…${bobs.slice(-8)}`,
      'auth0|bob',
      'regular-web-app',
      'openid profile email',
    ])
    expect(cells[4]).toMatch(/^in (600|59\d) s$/)
    expect(cells.slice(5)).toEqual(['no', 'Copy'])
    await copy.click()
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 10_000 })
      .toBe(`Copied mfa_token …${bobs.slice(-8)} (${bobs.length} characters)`)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bobs)
  })

  it('selects the whole mfa_token for copying by hand when the clipboard is unavailable', async () => {
    const server = await startServer({ fixtures: defaultJson as FixtureInput })
    closers.push(() => server.close())
    const token = await server.emulator.issueMfaToken({
      userId: 'auth0|alice',
      clientId: 'spa-client',
    })
    const page = await inspectorOf(server)
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })
    })
    await page.reload()
    await page
      .getByRole('button', { name: `Copy mfa_token …${token.slice(-8)} of auth0|alice` })
      .click()
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 10_000 })
      .toBe(
        `The clipboard is not available here: mfa_token …${token.slice(-8)} is selected below, copy it with Ctrl+C`,
      )
    expect(await page.locator('#copy-fallback-text').isVisible()).toBe(true)
    const selected = await page.evaluate(() => {
      const text = document.getElementById('copy-fallback-text') as HTMLTextAreaElement
      return text.value.slice(text.selectionStart, text.selectionEnd)
    })
    expect(selected).toBe(token)
  })

  it('mints an mfa_token for the chosen user and client, with the admin token', async () => {
    const adminToken = 'inspector-admin-token-0123456789'
    const server = await startServer({ fixtures: defaultJson as FixtureInput, adminToken })
    closers.push(() => server.close())
    const page = await inspectorOf(server, { adminToken })
    await expect
      .poll(() => page.locator('#mint-client option').count(), { timeout: 30_000 })
      .toBe(defaultJson.clients.length)
    await page.locator('#mint-user').selectOption('auth0|bob')
    await page.locator('#mint-client').selectOption('regular-web-app')
    await page.getByRole('button', { name: 'Mint mfa_token' }).click()
    await page.locator('#minted-token').waitFor({ state: 'visible', timeout: 30_000 })
    const token = (await page.locator('#minted-token').textContent()) ?? ''
    expect(token.slice(0, 7)).toBe('Fe26.2*')
    expect(await page.locator('#minted-suffix').textContent()).toBe(`…${token.slice(-8)}`)
    expect(await page.locator('#status').textContent()).toBe(
      `Minted mfa_token …${token.slice(-8)} for auth0|bob`,
    )
    const minted = (await listedTokens(server, adminToken)).filter((t) => t.mfa_token === token)
    expect(minted.map(({ user_id, client_id }) => ({ user_id, client_id }))).toEqual([
      { user_id: 'auth0|bob', client_id: 'regular-web-app' },
    ])
    await expect
      .poll(() => tokenEnds(page), { timeout: 30_000 })
      .toEqual([`…${token.slice(-8)}`, 'mfa-token-alice', 'mfa-token-alice-web'].sort())
    await page.getByRole('button', { name: 'Copy new mfa_token' }).click()
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 10_000 })
      .toBe(`Copied the new mfa_token (${token.length} characters)`)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token)
  })

  it('resets the emulator only when the confirmation is accepted, from outside the clock', async () => {
    const server = await startServer({ fixtures: defaultJson as FixtureInput })
    closers.push(() => server.close())
    const token = await server.emulator.issueMfaToken({
      userId: 'auth0|alice',
      clientId: 'spa-client',
    })
    server.emulator.scenarios.enable('invalid-recovery-code')
    const page = await inspectorOf(server)
    const reset = page.getByRole('button', { name: 'Reset emulator…' })
    const clock = page.locator('section', { has: page.locator('#clock-title') })
    expect(await clock.getByRole('button', { name: /reset/i }).count()).toBe(0)
    const danger = page.locator('section', { has: page.locator('#reset-title') })
    expect(await danger.getByRole('button').allTextContents()).toEqual(['Reset emulator…'])
    const asked: string[] = []
    page.once('dialog', (dialog) => {
      asked.push(dialog.message())
      void dialog.dismiss()
    })
    await reset.click()
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 10_000 })
      .toBe('Reset cancelled: nothing changed')
    expect(asked).toEqual([
      'Reset the emulator to its fixture? Recovery codes, mfa_tokens, enrolments, pushes, scenarios, the clock and the recent requests go back to the start.',
    ])
    expect(server.emulator.scenarios.list()).toEqual(['invalid-recovery-code'])
    expect((await listedTokens(server)).map((t) => t.mfa_token)).toContain(token)
    page.once('dialog', (dialog) => void dialog.accept())
    await reset.click()
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 10_000 })
      .toBe('Emulator reset to the fixture')
    expect(server.emulator.scenarios.list()).toEqual([])
    expect((await listedTokens(server)).map((t) => t.mfa_token)).toEqual([
      'mfa-token-alice',
      'mfa-token-alice-web',
    ])
  })

  it('fits a 375 px wide window without scrolling sideways', async () => {
    const server = await startServer({ fixtures: defaultJson as FixtureInput })
    closers.push(() => server.close())
    await server.emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
    await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
        client_id: 'regular-web-app',
        mfa_token: 'mfa-token-alice',
        recovery_code: 'WRONGWRONGWRONGWRONGWRON',
      }),
    })
    const page = await inspectorOf(server, { viewport: { width: 375, height: 812 } })
    await expect
      .poll(() => page.locator('#mint-client option').count(), { timeout: 30_000 })
      .toBe(defaultJson.clients.length)
    await page.getByRole('button', { name: 'Mint mfa_token' }).click()
    await page.locator('#minted-token').waitFor({ state: 'visible', timeout: 30_000 })
    await expect
      .poll(() => page.locator('#requests tr').count(), { timeout: 30_000 })
      .toBeGreaterThan(0)
    await expect
      .poll(() => page.locator('#tokens code.token-end').count(), { timeout: 30_000 })
      .toBe(4)
    const widths = await page.evaluate(() => ({
      viewport: window.innerWidth,
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
    }))
    expect(widths.viewport).toBe(375)
    expect(widths.document).toBeLessThanOrEqual(375)
    expect(widths.body).toBeLessThanOrEqual(375)
  })
})
