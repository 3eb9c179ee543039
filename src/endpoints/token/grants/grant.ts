import type { ClientFixture } from '../../../config/schema.js'
import type { RequestTrace } from '../../../domain/journal.js'
import type { TenantContext } from '../../../domain/tenant.js'
import type { Params } from '../../../http/params.js'
import type { RequestScenarios } from '../../../scenarios/flags.js'
import type { TokenBody } from '../issue-tokens.js'

/** What a grant sees of a request that passed client authentication and the grant check. */
export interface GrantContext {
  tenant: TenantContext
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
