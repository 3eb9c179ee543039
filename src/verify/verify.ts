import { type FixtureOverlay, mergeOverlays } from '../config/overlay.js'
import type { Finding } from './case.js'
import { VERIFY_CASES } from './cases/index.js'
import type { RunContext } from './context.js'
import { emulatorTransport } from './emulator-side.js'
import { emulatorUnderTest } from './fixture.js'
import { bareDomain, DEFAULTS, missingOption, type VerifyOptions } from './options.js'
import { VerifyProblem } from './problem.js'
import { findingsToOverlay } from './record.js'
import { Scrubber } from './redact.js'
import { type CaseReport, caseReport, type VerifyReport } from './report.js'
import { createSide, type Side } from './side.js'
import { refusingOutages, tenantTransport } from './tenant-transport.js'

function originOf(options: VerifyOptions, domain: string): string {
  if (options.baseUrl === undefined) return `https://${domain}`
  let url: URL
  try {
    url = new URL(options.baseUrl)
  } catch {
    throw new VerifyProblem(
      `--base-url must be an absolute URL such as http://127.0.0.1:4000, got '${options.baseUrl}'`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VerifyProblem(`--base-url must be an http or https URL, got '${options.baseUrl}'`)
  }
  return url.origin
}

function buildContext(options: VerifyOptions, scrubber: Scrubber, origin: string): RunContext {
  const domain = bareDomain(options.domain)
  const credentials = { ...options, domain, clientSecret: options.clientSecret }
  const base = options.fixtures
    ? { fixture: options.fixtures, source: options.fixtureSource ?? 'the fixture' }
    : undefined
  const under = emulatorUnderTest(credentials, base, options.overlay)
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs
  const tenant = createSide(
    'tenant',
    refusingOutages(tenantTransport({ origin, domain, timeoutMs })),
    { clientSecret: options.clientSecret, password: options.password, code: options.recoveryCode },
    scrubber,
  )
  const emulator = createSide(
    'emulator',
    emulatorTransport(under.emulator, domain),
    {
      clientSecret: under.clientSecret,
      password: under.password,
      code: under.emulator.currentRecoveryCode(under.userId) ?? '',
    },
    scrubber,
  )
  return {
    tenant,
    emulator,
    instance: under.emulator,
    settings: {
      clientId: options.clientId,
      username: options.username,
      scope: options.scope ?? DEFAULTS.scope,
      audience: options.audience,
      realm: options.realm,
      expiryWaitSeconds: options.expiryWaitSeconds ?? DEFAULTS.expiryWaitSeconds,
      attemptLimit: options.attemptLimit ?? false,
    },
    scrubber,
    seen: new Map(),
    tokens: new Map(),
    measured: {},
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }
}

function problemText(err: unknown, caseId: string | undefined): string {
  if (err instanceof VerifyProblem) return err.message
  const message = err instanceof Error ? err.message : String(err)
  return `${caseId ? `case ${caseId} ` : ''}failed unexpectedly (${message}); please report this with the output above`
}

/**
 * Runs the contract cases that are safe against a real tenant, each against the tenant and an
 * in-process emulator, and reports what differs. Never throws for a tenant's behaviour: a run
 * that cannot go on reports exit code 2 with one line saying what to change.
 * @example
 * const report = await verify({ domain, clientId, clientSecret, username, password, recoveryCode })
 * console.log(report.recoveryCode.code) // the user's new code: the one passed in is used up
 */
export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const scrubber = new Scrubber()
  scrubber.add(options.password, options.clientSecret, options.recoveryCode)
  const cases: CaseReport[] = []
  const findings: Finding[] = []
  let tenant: Side | undefined
  let origin = options.baseUrl ?? `https://${bareDomain(options.domain ?? '')}`
  let problem: string | undefined
  let current: string | undefined
  try {
    const missing = missingOption(options)
    if (missing) throw new VerifyProblem(missing)
    origin = originOf(options, bareDomain(options.domain))
    const ctx = buildContext(options, scrubber, origin)
    tenant = ctx.tenant
    const total = VERIFY_CASES.length
    for (const [i, c] of VERIFY_CASES.entries()) {
      current = c.id
      const step = { index: i + 1, total, id: c.id, title: c.title }
      options.onProgress?.(step)
      const outcome = await c.run(ctx)
      findings.push(...outcome.findings)
      const report = caseReport(c.id, c.title, outcome, scrubber)
      cases.push(report)
      options.onProgress?.({ ...step, report })
    }
  } catch (err) {
    problem = scrubber.scrub(problemText(err, current))
  }
  const { overlay: found, conflicts } = findingsToOverlay(findings)
  const clean = <T>(value: T): T => JSON.parse(scrubber.scrub(JSON.stringify(value)))
  const overlay: FixtureOverlay = clean(mergeOverlays(options.overlay ?? {}, found))
  const differ = cases.some((c) => c.status === 'differ')
  return {
    exitCode: problem ? 2 : differ ? 1 : 0,
    tenant: origin,
    cases,
    problem,
    stoppedIn: problem ? current : undefined,
    recoveryCode: {
      state: tenant?.codeState ?? 'unchanged',
      code: tenant?.codeState === 'rotated' ? tenant.code : undefined,
    },
    overlay,
    conflicts: clean(conflicts),
  }
}
