import type { FixtureOverlay } from '../config/overlay.js'
import type { FixtureInput } from '../config/schema.js'
import { envName } from './args.js'
import type { CaseReport } from './report.js'

/** What `verify()` is told: the tenant and its credentials, and what to compare it with. */
export interface VerifyOptions {
  /** The tenant's domain, e.g. `dev-abc123.us.auth0.com`. */
  domain: string
  clientId: string
  /** Leave out for a public application (SPA or native). */
  clientSecret?: string
  username: string
  password: string
  /** The user's current recovery code. The run redeems it; the report holds the new one. */
  recoveryCode: string
  /** Sends the tenant's requests here instead of `https://{domain}` (with `Host: {domain}`). */
  baseUrl?: string
  /** A database connection: log in with the password-realm grant instead of `password`. */
  realm?: string
  /** The login's scope (`openid profile` by default). */
  scope?: string
  audience?: string
  /** Compare with this fixture (one tenant) instead of a synthetic one built from the credentials. */
  fixtures?: FixtureInput
  /** Names `fixtures` in messages. */
  fixtureSource?: string
  /** Tenant settings applied over the fixture, e.g. what an earlier `--record` wrote. */
  overlay?: FixtureOverlay
  /** Also run wrong codes until the attempt limit answers (locks the user for a while). */
  attemptLimit?: boolean
  /** How long to wait for each tenant answer (10 000 ms by default). */
  timeoutMs?: number
  /** How long the run may wait for an mfa_token to expire (30 s by default). */
  expiryWaitSeconds?: number
  /** Told when a case starts and when it ends. */
  onProgress?: (event: ProgressEvent) => void
}

/** A case starting (no `report` yet) or finished. */
export interface ProgressEvent {
  index: number
  total: number
  id: string
  title: string
  report?: CaseReport
}

/** Option defaults. */
export const DEFAULTS = { scope: 'openid profile', timeoutMs: 10_000, expiryWaitSeconds: 30 }

/** The domain without a scheme or trailing slash, as users sometimes paste it. */
export function bareDomain(domain: string): string {
  return domain
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '')
}

/** What to pass when a required option is missing (named as the CLI flag and variable), if one is. */
export function missingOption(options: VerifyOptions): string | undefined {
  const required = [
    ['domain', 'domain'],
    ['clientId', 'client-id'],
    ['username', 'username'],
    ['password', 'password'],
    ['recoveryCode', 'recovery-code'],
  ] as const
  const flag = required.find(([key]) => !options[key])?.[1]
  return flag && `pass --${flag} (or set ${envName(flag)})`
}
