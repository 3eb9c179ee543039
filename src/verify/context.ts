import type { Emulator } from '../emulator.js'
import type { Lifetime } from './lifetime.js'
import type { Scrubber } from './redact.js'
import type { Side } from './side.js'
import type { Answer } from './wire.js'

/** The settings of a run that cases read. */
export interface RunSettings {
  clientId: string
  username: string
  /** The scope of the password login (`openid profile` by default). */
  scope: string
  audience: string | undefined
  /** With a realm the login uses the password-realm grant. */
  realm: string | undefined
  /** How long the run may wait for an mfa_token to expire, in seconds. */
  expiryWaitSeconds: number
  /** Whether to run the attempt-limit case (it locks the user's recovery codes for a while). */
  attemptLimit: boolean
}

/** A pair of answers to the same request. */
export interface AnswerPair {
  tenant: Answer
  emulator: Answer
}

/** Everything a case works with. */
export interface RunContext {
  readonly tenant: Side
  readonly emulator: Side
  /** The in-process emulator, for its clock and fixture. */
  readonly instance: Emulator
  readonly settings: RunSettings
  readonly scrubber: Scrubber
  /** Answers later cases build on, by case id. */
  readonly seen: Map<string, AnswerPair>
  /** mfa_tokens later cases build on (the one a redemption used), by case id. */
  readonly tokens: Map<string, { tenant: string; emulator: string }>
  /** The tenant's mfa_token lifetime once a case has measured it. */
  readonly measured: { lifetime?: Lifetime }
  /** Waits, in milliseconds (replaceable so tests never sleep for nothing). */
  readonly sleep: (ms: number) => Promise<void>
}
