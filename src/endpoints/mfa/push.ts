import { tenantName } from '../../config/schema.js'
import { type PushAutoAnswer, sendPush } from '../../domain/pushes.js'
import type { UserView } from '../../domain/store.js'
import type { TenantContext } from '../../domain/tenant.js'
import type { RequestScenarios } from '../../scenarios/flags.js'

/** How the push-approved and push-rejected scenarios have the virtual phone answer a new push. */
export function pushAutoAnswer(scenarios: RequestScenarios): PushAutoAnswer {
  if (scenarios.apply('push-approved')) return 'approved'
  if (scenarios.apply('push-rejected')) return 'rejected'
  return undefined
}

/**
 * The answer to a push associate, in the recorded key order (no `binding_method`), after sending
 * the enrolment push the Guardian app's scan answers.
 */
export function pushEnrolment(
  tenant: TenantContext,
  user: UserView,
  authenticatorId: string,
  recoveryCodes: { recovery_codes?: string[] },
  autoAnswer: PushAutoAnswer,
) {
  const userId = user.profile.user_id
  return {
    authenticator_type: 'oob',
    barcode_uri: guardianBarcodeUri(tenant, user.profile.email, tenant.gen.enrolmentTxId()),
    ...recoveryCodes,
    oob_channel: 'auth0',
    oob_code: sendPush(tenant, userId, authenticatorId, 'enrolment', autoAnswer),
  }
}

/**
 * The `barcode_uri` of a Guardian enrolment in the recorded shape:
 * `otpauth://totp/<friendly name>:<email>?enrollment_tx_id=<32 alphanumerics>&base_url=<Guardian
 * host>`. The Guardian host names the tenant under the made-up region `local`.
 */
function guardianBarcodeUri(tenant: TenantContext, email: string, txId: string): string {
  const label = `${encodeURIComponent(tenant.fixture.tenant.friendly_name)}:${encodeURIComponent(email)}`
  const baseUrl = `https://${tenantName(tenant.fixture)}.guardian.local.auth0.com`
  return `otpauth://totp/${label}?enrollment_tx_id=${txId}&base_url=${encodeURIComponent(baseUrl)}`
}
