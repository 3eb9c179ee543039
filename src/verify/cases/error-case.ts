import type { ErrorKey } from '../../contract/error-catalogue.js'
import { exchange, settle, skipped, type VerifyCase } from '../case.js'
import type { RunContext } from '../context.js'
import { loginBoth } from '../login.js'
import { ERROR_FIELDS, errorFinding } from '../record.js'
import { wrongCode } from '../requests.js'
import type { Side } from '../side.js'
import type { WireRequest } from '../wire.js'

/** A case whose both answers should be the same Auth0 error. */
export interface ErrorCaseSpec {
  id: string
  title: string
  /** The catalogue entry the emulator answers from; the tenant's answer overrides it. */
  errorKey: ErrorKey
  /** Request values the description may repeat, recorded as `{name}` placeholders. */
  params?: Readonly<Record<string, string>>
  /** Log in on both sides first and pass each side its fresh mfa_token. */
  needsToken?: boolean
  /** A reason to skip the case for this run, if any. */
  skip?(ctx: RunContext): string | undefined
  request(ctx: RunContext, side: Side, values: CaseValues): WireRequest
}

/** Values a request is built from: the side's fresh mfa_token and one wrong code for both sides. */
export interface CaseValues {
  mfaToken: string
  wrongCode: string
}

/** Builds a case that sends one request expected to fail the same way on both sides. */
export function errorCase(spec: ErrorCaseSpec): VerifyCase {
  return {
    id: spec.id,
    title: spec.title,
    async run(ctx) {
      const reason = spec.skip?.(ctx)
      if (reason) return skipped(reason)
      const wrong = wrongCode(ctx)
      const tokens = spec.needsToken ? await loginBoth(ctx) : undefined
      let path = ''
      const pair = await exchange(ctx, (side) => {
        const request = spec.request(ctx, side, {
          mfaToken: tokens?.[side.name] ?? '',
          wrongCode: wrong,
        })
        path = request.path
        return request
      })
      ctx.seen.set(spec.id, pair)
      const finding = errorFinding(spec.errorKey, pair, spec.params)
      const rules = { tokenEndpoint: path === '/oauth/token' }
      return settle(pair, rules, finding ? [finding] : [], finding ? ERROR_FIELDS : [])
    },
  }
}
