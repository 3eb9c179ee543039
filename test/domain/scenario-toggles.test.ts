import { describe, expect, it } from 'vitest'
import { createScenarioControls } from '../../src/domain/scenario-toggles.js'

describe('scenario toggles', () => {
  it('resolves a request once: asking twice gives the same answer', () => {
    const toggles = createScenarioControls([])
    toggles.enable('invalid-recovery-code', { times: 1 })
    const request = toggles.forRequest(null)
    expect(request.apply('invalid-recovery-code')).toBe(true)
    expect(request.has('invalid-recovery-code')).toBe(true)
    expect(toggles.isEnabled('invalid-recovery-code')).toBe(true)
  })

  it('counts a times-limited toggle only when it changed an answer', () => {
    const toggles = createScenarioControls([])
    toggles.enable('invalid-recovery-code', { times: 2 })
    const unrelated = toggles.forRequest(null)
    toggles.settle(unrelated)
    expect(toggles.isEnabled('invalid-recovery-code')).toBe(true)
    for (let i = 0; i < 2; i++) {
      const request = toggles.forRequest(null)
      request.apply('invalid-recovery-code')
      toggles.settle(request)
    }
    expect(toggles.isEnabled('invalid-recovery-code')).toBe(false)
  })

  it('never counts scenarios that came from the request header', () => {
    const toggles = createScenarioControls([])
    toggles.enable('slow', { times: 1 })
    const request = toggles.forRequest('slow')
    request.apply('slow')
    toggles.settle(request)
    expect(toggles.isEnabled('slow')).toBe(true)
  })

  it('cannot be changed while a request is answered', () => {
    const request = createScenarioControls(['server-error']).forRequest('slow')
    expect(Object.isFrozen(request)).toBe(true)
    expect(Object.isFrozen(request.names)).toBe(true)
    expect(request.names).toEqual(['slow', 'server-error'])
  })

  it('refuses an unknown scenario in the header with a readable error', () => {
    expect(() => createScenarioControls([]).forRequest('flaky')).toThrow("Unknown scenario 'flaky'")
  })
})
