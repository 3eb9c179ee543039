import type { Store } from './store.js'

/** How long an expired mfa_token is kept so it still answers `expired_token`, not "malformed". */
export const EXPIRED_TOKEN_GRACE_MS = 60 * 60_000

const SWEEP_EVERY = 256

/**
 * Drops state a long-running emulator no longer needs: mfa_tokens past their grace period and
 * expired OOB challenges, pushes and client assertions. Runs every few hundred new entries, so memory stays flat under load.
 */
export function sweepExpired(store: Store, now: number): void {
  for (const [token, record] of store.mfaTokens) {
    if (record.expiresAt + EXPIRED_TOKEN_GRACE_MS <= now) store.mfaTokens.delete(token)
  }
  for (const [code, challenge] of store.challenges) {
    if (challenge.expiresAt <= now) store.challenges.delete(code)
  }
  for (const [key, expiresAt] of store.clientAssertions) {
    if (expiresAt <= now) store.clientAssertions.delete(key)
  }
  for (const [code, push] of store.pushes) {
    if (push.expiresAt <= now) store.pushes.delete(code)
  }
}

/** Sweeps once every `SWEEP_EVERY` calls: cheap enough to call on every new entry. */
export function maybeSweep(store: Store, now: number): void {
  store.writesSinceSweep += 1
  if (store.writesSinceSweep < SWEEP_EVERY) return
  store.writesSinceSweep = 0
  sweepExpired(store, now)
}

/** Keeps at most `max` entries of `list`, dropping from the front (the oldest); answers how many went. */
export function capOldest<T>(list: T[], max: number): number {
  const excess = Math.max(0, list.length - max)
  list.splice(0, excess)
  return excess
}
