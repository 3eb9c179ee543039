// Rewrites a state file as fast as it can, alternating two large states, until it is killed.
// The tests kill it mid-write and check the file is one state or the other, never torn.

import type { StateFile } from '../../src/domain/persisted.js'
import { writeStateFileAtomic } from '../../src/server/state-file.js'

const path = process.argv[2] ?? ''

/** A valid state whose every user carries the same marker, so a mix of two is detectable. */
export function markedState(marker: string): StateFile {
  const users: StateFile['tenants'][string]['users'] = {}
  for (let i = 0; i < 2000; i++) {
    users[`auth0|user-${i}`] = {
      recovery_code: marker,
      recovery_code_id: `recovery-code|dev_${i}`,
      authenticators: [],
    }
  }
  return { version: 1, tenants: { 'dev-tenant': { scenarios: [], users } } }
}

if (path) {
  const states = [markedState('AAAAAAAAAAAAAAAAAAAAAAAA'), markedState('BBBBBBBBBBBBBBBBBBBBBBBB')]
  writeStateFileAtomic(path, states[0] as StateFile)
  console.log('ready')
  for (let i = 1; ; i++) writeStateFileAtomic(path, states[i % 2] as StateFile)
}
