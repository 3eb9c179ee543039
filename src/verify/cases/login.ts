import { type CaseOutcome, exchange, settle, type VerifyCase } from '../case.js'
import { compareAnswers } from '../compare.js'
import type { AnswerPair } from '../context.js'
import { emulatorLoginProblem, loginBoth, mfaTokenOf, tenantLoginProblem } from '../login.js'
import { VerifyProblem } from '../problem.js'
import { ERROR_FIELDS, errorFinding } from '../record.js'
import { listAuthenticators, loginRequest } from '../requests.js'
import type { Answer } from '../wire.js'

function withoutRequirements(answer: Answer): Answer {
  const { mfa_requirements: _, ...rest } = (answer.json ?? {}) as Record<string, unknown>
  return { ...answer, json: rest }
}

function requirementsOutcome(pair: AnswerPair): CaseOutcome {
  const rules = { tokenEndpoint: true, valueKeys: ['mfa_requirements'] }
  const wanted = (pair.tenant.json as Record<string, unknown>).mfa_requirements
  const has = (pair.emulator.json as Record<string, unknown>).mfa_requirements
  const error = errorFinding('mfa_required', pair)
  const findings = error ? [error] : []
  if (JSON.stringify(wanted) !== JSON.stringify(has)) {
    findings.push({ path: ['mfa_requirements'], value: wanted ?? 'off' })
  }
  // What is left once mfa_requirements is set like the tenant's is not recordable.
  const rest = compareAnswers(
    withoutRequirements(pair.tenant),
    withoutRequirements(pair.emulator),
    rules,
  )
  const covered = error ? ERROR_FIELDS : []
  return {
    ...settle(pair, rules, findings),
    unrecordable: rest.filter((d) => !(covered as readonly string[]).includes(d.what)),
  }
}

/** The password login of an MFA user: `403 mfa_required` with an mfa_token. */
export const mfaRequired: VerifyCase = {
  id: 'mfa-required',
  title: 'password login of an MFA user',
  async run(ctx) {
    const pair = await exchange(ctx, (side) => loginRequest(ctx, side))
    if (mfaTokenOf(pair.tenant) === undefined) throw tenantLoginProblem(pair.tenant)
    if (mfaTokenOf(pair.emulator) === undefined) throw emulatorLoginProblem(pair.emulator)
    return requirementsOutcome(pair)
  },
}

const isRecoveryCode = (element: unknown) =>
  (element as { type?: unknown } | null)?.type === 'recovery-code'

function otherTypes(answer: Answer): string {
  const list = Array.isArray(answer.json) ? answer.json : []
  const types = list.filter((x) => !isRecoveryCode(x)).map((x) => String(x?.type))
  return types.length ? types.join(', ') : 'none'
}

/** `GET /mfa/authenticators` with a fresh mfa_token; also checks the user has a recovery code. */
export const authenticators: VerifyCase = {
  id: 'list-authenticators',
  title: 'GET /mfa/authenticators with an mfa_token',
  async run(ctx) {
    const tokens = await loginBoth(ctx)
    const pair = await exchange(ctx, (side) => listAuthenticators(tokens[side.name]))
    const list = pair.tenant.json
    if (pair.tenant.status === 200 && Array.isArray(list) && !list.some(isRecoveryCode)) {
      throw new VerifyProblem(
        'the user has no recovery code: turn on Recovery Code under Security > Multi-factor Auth and enrol the user again (see docs/verify.md)',
      )
    }
    const note = `other authenticators (not compared; the fixture decides them): tenant ${otherTypes(pair.tenant)}, emulator ${otherTypes(pair.emulator)}`
    return settle(
      pair,
      {
        tokenEndpoint: false,
        pick: isRecoveryCode,
        valueKeys: ['authenticator_type', 'active', 'type'],
      },
      [],
      [],
      [note],
    )
  },
}
