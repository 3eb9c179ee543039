/** Why a run could not go on (exit code 2); the message is one line that says what to change. */
export class VerifyProblem extends Error {
  override readonly name = 'VerifyProblem'
}
