import { expectTypeOf, it } from 'vitest'
import type { UserView } from '../../src/domain/store.js'

// Compile-time checks (npm run typecheck runs them): a domain query's view cannot be written
// through at any depth, so an endpoint cannot change a user without a domain operation.
it('hands out user views that cannot be written through at any depth', () => {
  const write = (user: UserView) => {
    // @ts-expect-error the view is read-only
    user.recoveryCode = 'X'
    // @ts-expect-error its lists are read-only
    user.authenticators.push({ id: 'x', kind: 'totp', active: true })
    for (const factor of user.authenticators) {
      // @ts-expect-error and so are their members
      factor.active = false
    }
  }
  expectTypeOf(write).toBeFunction()
})
