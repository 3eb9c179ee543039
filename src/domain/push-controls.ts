import { invalidRequest } from '../support/emulator-error.js'
import { answerPush, pendingPushes } from './pushes.js'
import type { PushState } from './store.js'
import type { TenantContext } from './tenant.js'

/** A push waiting for the virtual phone, as the library, the control API and the inspector show it. */
export interface PushView {
  id: string
  /** `enrolment` (from `/mfa/associate`) or `challenge` (from `/mfa/challenge`). */
  purpose: PushState['purpose']
  user_id: string
  authenticator_id: string
  sent_at: string
  expires_at: string
}

/** The virtual Guardian app: lists the pushes waiting for it and answers them. */
export interface PushControls {
  /** Pending pushes (challenges and enrolments), newest first. */
  pending(): PushView[]
  /** Approves the newest pending push of `userId` (of anyone when omitted); throws when none. */
  approve(userId?: string): PushView
  /** Rejects the newest pending push of `userId` (of anyone when omitted); throws when none. */
  reject(userId?: string): PushView
  /** Answers the pending push `id`; undefined when there is none by that id. */
  answer(id: string, answer: 'approved' | 'rejected'): PushView | undefined
}

const view = (p: Readonly<PushState>): PushView => ({
  id: p.id,
  purpose: p.purpose,
  user_id: p.userId,
  authenticator_id: p.authenticatorId,
  sent_at: new Date(p.createdAt).toISOString(),
  expires_at: new Date(p.expiresAt).toISOString(),
})

/** The virtual phone over one tenant, shared by `emulator.push` and the control routes. */
export function createPushControls(tenant: TenantContext): PushControls {
  const newest = (userId: string | undefined) => {
    const push = pendingPushes(tenant).find((p) => userId === undefined || p.userId === userId)
    if (!push) {
      throw invalidRequest(
        `No pending push${userId === undefined ? '' : ` for '${userId}'`}: send one with /mfa/challenge or /mfa/associate (oob_channels ["auth0"]) first`,
      )
    }
    return push
  }
  const settle = (push: Readonly<PushState>, answer: 'approved' | 'rejected') => {
    answerPush(tenant, push, answer)
    return view(push)
  }
  return {
    pending: () => pendingPushes(tenant).map(view),
    approve: (userId) => settle(newest(userId), 'approved'),
    reject: (userId) => settle(newest(userId), 'rejected'),
    answer(id, answer) {
      const push = pendingPushes(tenant).find((p) => p.id === id)
      return push && settle(push, answer)
    },
  }
}
