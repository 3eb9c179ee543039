import type { Core } from '../core.js'
import type { ClientFixture } from '../fixtures/schema.js'
import type { Params } from '../handlers/read-params.js'
import type { RequestScenarios } from '../scenarios/controls.js'
import type { RequestTrace } from '../state/journal.js'
import type { TokenBody } from './issue-tokens.js'

/** What a grant sees of a request that passed client authentication and the grant check. */
export interface GrantContext {
  core: Core
  client: ClientFixture
  params: Params
  scenarios: RequestScenarios
  url: URL
  /** Notes for the request journal (the user the request acts for). */
  trace: RequestTrace
}

/** One `grant_type` of the token endpoint. */
export interface Grant {
  /** The `grant_type` string clients send. */
  readonly type: string
  /** Runs the grant; throws `OAuthError` to refuse. */
  run(ctx: GrantContext): Promise<TokenBody>
}
