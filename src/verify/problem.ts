/** Why a run could not go on (exit code 2); the message is one line that says what to change. */
export class VerifyProblem extends Error {
  override readonly name = 'VerifyProblem'
}

/** The tenant rate-limited the run (`429 too_many_requests`): waiting helps, changing nothing. */
export class RateLimited extends VerifyProblem {}
