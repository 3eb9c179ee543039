import { parseCount, parseVerifyArgs, type VerifyArgs, VerifyArgsError } from './args.js'
import { readFixtureFile, readOverlayFile, writeOverlayFile } from './files.js'
import { bareDomain, DEFAULTS, missingOption, type VerifyOptions } from './options.js'
import { progressPrinter } from './progress.js'
import { jsonDocument, jsonProblem } from './report-json.js'
import { recoveryCodeLine, summaryLines, VERIFY_PREFIX } from './report-text.js'
import { VERIFY_USAGE } from './usage.js'
import { verify } from './verify.js'

/** Where the subcommand writes: lines to stdout and stderr, raw text for the progress display. */
export interface VerifyIo {
  out(line: string): void
  err(line: string): void
  write(text: string): void
  isTTY: boolean
}

function toOptions(args: VerifyArgs): Omit<VerifyOptions, 'onProgress'> {
  const v = args.values
  const credentials = {
    domain: v.domain ?? '',
    clientId: v['client-id'] ?? '',
    username: v.username ?? '',
    password: v.password ?? '',
    recoveryCode: v['recovery-code'] ?? '',
  }
  const missing = missingOption(credentials)
  if (missing) throw new VerifyArgsError(missing)
  const fixtures = v.fixtures ? readFixtureFile(v.fixtures, v.domain ?? '') : undefined
  return {
    ...credentials,
    ...(v['client-secret'] ? { clientSecret: v['client-secret'] } : {}),
    ...(v['base-url'] ? { baseUrl: v['base-url'] } : {}),
    ...(v.realm ? { realm: v.realm } : {}),
    ...(v.scope ? { scope: v.scope } : {}),
    ...(v.audience ? { audience: v.audience } : {}),
    ...(fixtures && v.fixtures ? { fixtures, fixtureSource: v.fixtures } : {}),
    ...(v.overlay ? { overlay: readOverlayFile(v.overlay) } : {}),
    attemptLimit: args.attemptLimit,
    timeoutMs: parseCount(v.timeout, 'timeout', DEFAULTS.timeoutMs, 1),
    expiryWaitSeconds: parseCount(v['expiry-wait'], 'expiry-wait', DEFAULTS.expiryWaitSeconds),
  }
}

function describeTarget(args: VerifyArgs): string {
  const v = args.values
  const fixture = v.fixtures ? `fixture ${v.fixtures}` : 'a fixture built from the credentials'
  const overlay = v.overlay ? ` + overlay ${v.overlay}` : ''
  return `${VERIFY_PREFIX}: comparing ${v['base-url'] ?? `https://${bareDomain(v.domain ?? '')}`} (client ${v['client-id']}, user ${v.username}) with the emulator (${fixture}${overlay})`
}

/** Runs `auth0-mfa-emulator verify` and resolves with its exit code (0, 1 or 2). */
export async function runVerifyCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: VerifyIo,
): Promise<number> {
  let args: VerifyArgs
  let options: Omit<VerifyOptions, 'onProgress'>
  try {
    args = parseVerifyArgs(argv, env)
    if (args.help) {
      io.out(VERIFY_USAGE)
      return 0
    }
    options = toOptions(args)
  } catch (err) {
    const problem = (err as Error).message
    if (argv.includes('--json')) io.out(jsonProblem(problem))
    io.err(`${VERIFY_PREFIX}: ${problem}`)
    return 2
  }
  const progress = args.json ? undefined : progressPrinter(io)
  if (!args.json) io.out(describeTarget(args))
  const report = await verify({
    ...options,
    ...(progress ? { onProgress: progress.onProgress } : {}),
  })
  progress?.stop()
  const record = args.values.record
  // A run that could not finish has not seen the whole tenant: it records nothing.
  const writeProblem =
    record && report.exitCode !== 2 ? writeOverlayFile(record, report.overlay) : undefined
  const recordedTo = record && report.exitCode !== 2 && !writeProblem ? record : undefined
  if (args.json) io.out(jsonDocument(report, recordedTo))
  else for (const line of summaryLines(report, recordedTo)) io.out(line)
  if (report.problem) {
    const nothing = record ? ' (nothing recorded)' : ''
    io.err(`${VERIFY_PREFIX}: could not finish${nothing}: ${report.problem}`)
  }
  if (writeProblem) io.err(`${VERIFY_PREFIX}: ${writeProblem}`)
  // The labelled line also goes to stderr with --json, where stdout holds only the document.
  if (args.json) io.err(recoveryCodeLine(report))
  else io.out(recoveryCodeLine(report))
  return writeProblem ? 2 : report.exitCode
}

/** The process around `runVerifyCli`: real stdout and stderr, and the exit code. */
export async function verifyMain(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return runVerifyCli(argv, env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    write: (text) => process.stdout.write(text),
    isTTY: process.stdout.isTTY === true,
  })
}
