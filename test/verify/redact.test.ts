import { expect, it } from 'vitest'
import { progressPrinter } from '../../src/verify/progress.js'
import { REDACTED, redactJson, Scrubber, secretsIn } from '../../src/verify/redact.js'

it('redacts tokens and codes in bodies and remembers them', () => {
  const body = {
    access_token: 'at-123456',
    scope: 'openid',
    nested: { recovery_codes: ['ABCDEFGH'] },
    mfa_token: 'mt-123456',
  }
  expect(redactJson(body)).toEqual({
    access_token: REDACTED,
    scope: 'openid',
    nested: { recovery_codes: REDACTED },
    mfa_token: REDACTED,
  })
  expect(secretsIn(body)).toEqual(['at-123456', 'ABCDEFGH', 'mt-123456'])
})

it('scrubs every known secret from text, also as JSON escapes it', () => {
  const scrubber = new Scrubber()
  scrubber.add('pa"ss-word', 'abc', undefined, 'SECRETCODE')
  expect(scrubber.scrub('x pa"ss-word SECRETCODE abc')).toBe(`x ${REDACTED} ${REDACTED} abc`)
  expect(scrubber.scrub(JSON.stringify({ p: 'pa"ss-word' }))).toBe(`{"p":"${REDACTED}"}`)
})

it('shows a spinner for the running case on a terminal and plain lines otherwise', () => {
  const report = {
    id: 'x',
    title: 'a case',
    status: 'match' as const,
    differences: [],
    unrecordable: [],
    settings: [],
    notes: [],
  }
  for (const isTTY of [true, false]) {
    const written: string[] = []
    const progress = progressPrinter({ write: (t) => written.push(t), isTTY })
    progress.onProgress({ index: 1, total: 2, id: 'x', title: 'a case' })
    progress.onProgress({ index: 1, total: 2, id: 'x', title: 'a case', report })
    progress.stop()
    const text = written.join('')
    expect(text.includes('⠋ [1/2] x: a case …')).toBe(isTTY)
    expect(text.endsWith('[1/2] ✓ match   x: a case\n')).toBe(true)
  }
})
