import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium } from 'playwright-core'

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Whether browser tests can run here. Under CI a missing browser is an error, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true
  if (process.env.CI) {
    throw new Error(
      `Chromium is required under CI but is not at ${CHROMIUM_PATH}; .ci/run installs Debian's chromium`,
    )
  }
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`,
  )
  return false
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Launches headless Chromium with the flags that keep it off the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS })
}

/**
 * Chromium with its own profile that accepts the certificates of one public key (SHA-256 of its
 * SPKI, base64), as docs/frontend.md tells developers to start it: no ignoreHTTPSErrors.
 */
export function launchChromiumTrusting(spkiSha256: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-profile-')), {
    executablePath: CHROMIUM_PATH,
    args: [...FLAGS, `--ignore-certificate-errors-spki-list=${spkiSha256}`],
  })
}
