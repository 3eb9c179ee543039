import { exchange, settle, type VerifyCase } from '../case.js'
import { compareAnswers } from '../compare.js'
import { loginBoth } from '../login.js'
import { ERROR_FIELDS, errorFinding } from '../record.js'
import { codeGrant } from '../requests.js'
import { lifetimeFindings, SUCCESS_VALUES } from './redeem.js'

type Matching = 'exact' | 'ignore-case-and-spaces'

/**
 * The user's current code in lower case: redeemed (and rotated) by a tenant that ignores case,
 * refused like a wrong code by one that compares exactly.
 */
export const lowerCaseCode: VerifyCase = {
  id: 'lower-case-recovery-code',
  title: 'recovery-code grant with the right code in lower case',
  async run(ctx) {
    const tokens = await loginBoth(ctx)
    const pair = await exchange(ctx, (side) =>
      codeGrant(ctx, side, {
        mfa_token: tokens[side.name],
        recovery_code: side.code.toLowerCase(),
      }),
    )
    const tenant: Matching = pair.tenant.status === 200 ? 'ignore-case-and-spaces' : 'exact'
    const emulator = ctx.instance.fixture.tenant.recovery_code_matching
    const rules = { tokenEndpoint: true, valueKeys: SUCCESS_VALUES }
    if (tenant === emulator) {
      // Both refused it as a wrong code, or both redeemed it like the right one.
      const refusal = tenant === 'exact' ? errorFinding('invalid_recovery_code', pair) : undefined
      if (refusal) return settle(pair, rules, [refusal], ERROR_FIELDS)
      const lifetime = lifetimeFindings(pair)
      return settle(pair, rules, lifetime, lifetime.length ? ['expires_in'] : [])
    }
    // Every difference comes from the one rule, so the setting covers them all.
    const covered = compareAnswers(pair.tenant, pair.emulator, rules).map((d) => d.what)
    const finding = { path: ['recovery_code_matching'], value: tenant }
    const note = `the tenant ${tenant === 'exact' ? 'refused' : 'accepted'} the code in lower case`
    return settle(pair, rules, [finding], covered, [note])
  },
}
