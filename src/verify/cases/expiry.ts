import { exchange, settle, skipped, type VerifyCase } from '../case.js'
import { measureLifetime } from '../lifetime.js'
import { login } from '../login.js'
import { ERROR_FIELDS, errorFinding } from '../record.js'
import { codeGrant, wrongCode } from '../requests.js'

/** The tenant's mfa_token lifetime against the fixture's `mfa_token_lifetime`. */
export const mfaTokenLifetime: VerifyCase = {
  id: 'mfa-token-lifetime',
  title: 'mfa_token lifetime',
  async run(ctx) {
    const lifetime = await measureLifetime(ctx)
    ctx.measured.lifetime = lifetime
    const own = ctx.instance.fixture.tenant.mfa_token_lifetime
    const emulator = `${own} s (tenant.mfa_token_lifetime)`
    if (lifetime.kind === 'unknown') return skipped(lifetime.reason, [`emulator: ${emulator}`])
    const tenant = `${lifetime.seconds} s (${lifetime.how})`
    const differs = Math.abs(lifetime.seconds - own) > lifetime.toleranceSeconds
    const differences = differs ? [{ what: 'mfa_token lifetime', tenant, emulator }] : []
    return {
      differences,
      findings: differs ? [{ path: ['mfa_token_lifetime'], value: lifetime.seconds }] : [],
      unrecordable: [],
      notes: differs ? [] : [`tenant ${tenant}; emulator ${emulator}`],
    }
  },
}

/** A recovery-code grant with an mfa_token that has expired (only when the run could wait). */
export const expiredMfaToken: VerifyCase = {
  id: 'expired-mfa-token',
  title: 'recovery-code grant with an expired mfa_token',
  async run(ctx) {
    const lifetime = ctx.measured.lifetime
    if (!lifetime || lifetime.kind === 'unknown') {
      return skipped(
        `the tenant's mfa_token lifetime is unknown (${lifetime?.reason ?? 'not measured'})`,
      )
    }
    const expired = lifetime.expiredToken
    if (expired === undefined) {
      const wait = ctx.settings.expiryWaitSeconds
      return skipped(
        `the tenant's mfa_tokens live ${lifetime.seconds} s, longer than --expiry-wait ${wait} s; pass --expiry-wait ${lifetime.seconds + 30} to wait for one`,
      )
    }
    const own = await login(ctx, ctx.emulator)
    const wrong = wrongCode(ctx)
    // The emulator's clock jumps past its own lifetime for this one request, then comes back.
    const jump = (ctx.instance.fixture.tenant.mfa_token_lifetime + 1) * 1000
    ctx.instance.clock.advance(jump)
    try {
      const pair = await exchange(ctx, (side) =>
        codeGrant(ctx, side, {
          mfa_token: side.name === 'tenant' ? expired : own,
          recovery_code: wrong,
        }),
      )
      const finding = errorFinding('expired_mfa_token', pair)
      return settle(
        pair,
        { tokenEndpoint: true },
        finding ? [finding] : [],
        finding ? ERROR_FIELDS : [],
      )
    } finally {
      ctx.instance.clock.advance(-jump)
    }
  },
}
