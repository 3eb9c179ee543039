import { GrantType } from '../contract/grant-types.js'
import { type Scrubber, secretsIn } from './redact.js'
import type { Answer, WireRequest } from './wire.js'

/** What the run knows of a user's recovery code: untouched, replaced by a new one, or unsure. */
export type CodeState = 'unchanged' | 'rotated' | 'unknown'

/** One end of the comparison, the tenant or the emulator, with the credentials it knows the user by. */
export interface Side {
  readonly name: 'tenant' | 'emulator'
  readonly clientSecret: string | undefined
  readonly password: string
  /** The user's active recovery code, as far as the run knows. */
  readonly code: string
  /** The code the run redeemed last, once it has redeemed one. */
  readonly previousCode: string | undefined
  readonly codeState: CodeState
  /** Every answer to a recovery-code grant so far, oldest first. */
  readonly codeAnswers: readonly Answer[]
  /** Sends one request; transport failures reject (with a `VerifyProblem` for the tenant). */
  send(request: WireRequest): Promise<Answer>
}

/** Credentials and starting code of a side. */
export interface SideSetup {
  clientSecret: string | undefined
  password: string
  code: string
}

/**
 * A side over a transport that follows the user's recovery code: a successful redemption's new
 * code becomes the current one; a redemption that got no answer leaves the code unknown.
 */
export function createSide(
  name: Side['name'],
  transport: (request: WireRequest) => Promise<Answer>,
  setup: SideSetup,
  scrubber: Scrubber,
): Side {
  let code = setup.code
  let previousCode: string | undefined
  let codeState: CodeState = 'unchanged'
  const codeAnswers: Answer[] = []
  scrubber.add(setup.clientSecret, setup.password, setup.code)
  return {
    name,
    clientSecret: setup.clientSecret,
    password: setup.password,
    get code() {
      return code
    },
    get previousCode() {
      return previousCode
    },
    get codeState() {
      return codeState
    },
    codeAnswers,
    async send(request) {
      const form = request.form ?? {}
      const redeeming = form.grant_type === GrantType.recoveryCode
      scrubber.add(request.bearer, form.mfa_token, form.recovery_code)
      let answer: Answer
      try {
        answer = await transport(request)
      } catch (err) {
        if (redeeming && form.recovery_code === code) codeState = 'unknown'
        throw err
      }
      scrubber.add(...secretsIn(answer.json))
      if (redeeming) codeAnswers.push(answer)
      const next = (answer.json as { recovery_code?: unknown } | undefined)?.recovery_code
      if (redeeming && answer.status === 200) {
        // A redemption without a new code in the answer leaves the user's code unknown.
        if (typeof next !== 'string') codeState = 'unknown'
        else {
          previousCode = form.recovery_code
          code = next
          codeState = 'rotated'
        }
      }
      return answer
    },
  }
}
