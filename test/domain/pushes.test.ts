import { describe, expect, it } from 'vitest'
import { parseFixture } from '../../src/config/parse.js'
import { createPushControls } from '../../src/domain/push-controls.js'
import { sendPush } from '../../src/domain/pushes.js'
import { testTenant } from '../support/test-tenant.js'

const USERS = ['auth0|p1', 'auth0|p2']

function tenant() {
  const fixture = parseFixture({
    users: USERS.map((user_id) => ({
      user_id,
      email: `${user_id.slice(6)}@example.com`,
      password: 'p',
      authenticators: [{ id: `push|dev_${user_id.slice(6)}aaaaaaaaaaaaaa`, type: 'push' as const }],
    })),
  })
  const t = testTenant({ seed: 'pushes' }, fixture)
  const push = (userId: string) =>
    sendPush(t, userId, `push|dev_${userId.slice(6)}aaaaaaaaaaaaaa`, 'challenge', undefined)
  return { t, phone: createPushControls(t), push }
}

describe('the virtual phone', () => {
  it('answers the newest pending push of a user, or of anyone, and refuses when there is none', () => {
    const { phone, push } = tenant()
    expect(() => phone.approve()).toThrow(/^No pending push: send one with/)
    push('auth0|p1')
    push('auth0|p2')
    expect(phone.pending().map((p) => p.user_id)).toEqual(['auth0|p2', 'auth0|p1'])
    expect(phone.reject('auth0|p1')).toMatchObject({ user_id: 'auth0|p1', purpose: 'challenge' })
    expect(phone.approve()).toMatchObject({ user_id: 'auth0|p2' })
    expect(phone.pending()).toEqual([])
    expect(() => phone.reject('auth0|p2')).toThrow("No pending push for 'auth0|p2'")
    expect(phone.answer('nope', 'approved')).toBeUndefined()
  })

  it('forgets a push its oob_code outlived (5 minutes)', () => {
    const { t, phone, push } = tenant()
    push('auth0|p1')
    t.clock.advance(5 * 60_000)
    expect(phone.pending()).toEqual([])
  })
})
