import type { VerifyCase } from '../case.js'
import { attemptLimit } from './attempt-limit.js'
import { expiredMfaToken, mfaTokenLifetime } from './expiry.js'
import {
  malformedMfaToken,
  missingMfaToken,
  missingRecoveryCode,
  unknownGrantType,
  wrongClientSecret,
} from './invalid-requests.js'
import { authenticators, mfaRequired } from './login.js'
import { lowerCaseCode } from './matching.js'
import { rightRecoveryCode, usedRecoveryCode, wrongRecoveryCode } from './redeem.js'
import { authenticatorsAfterUse, usedMfaToken } from './reuse.js'

/**
 * The cases a run sends, in order: later ones build on earlier answers (the right code before
 * the reuse checks), and the attempt limit, which locks the user, comes last.
 */
export const VERIFY_CASES: readonly VerifyCase[] = [
  mfaRequired,
  authenticators,
  wrongRecoveryCode,
  rightRecoveryCode,
  usedMfaToken,
  authenticatorsAfterUse,
  usedRecoveryCode,
  lowerCaseCode,
  malformedMfaToken,
  missingMfaToken,
  missingRecoveryCode,
  wrongClientSecret,
  unknownGrantType,
  mfaTokenLifetime,
  expiredMfaToken,
  attemptLimit,
]
