import { afterEach, describe, expect, it } from 'vitest'
import { type LogFormat, type RunningServer, startServer } from '../../src/server/index.js'
import { escapeControls, jsonLogLine } from '../../src/server/log-line.js'

// What a cross-site page can send: an OSC 52 clipboard write, a window title, and a forged line.
const HOSTILE =
  'spa\u001b]52;c;ZXZpbA==\u0007\u001b]0;pwned\u0007\r\nauth0-mfa-emulator listening on http://evil\u009b2J\u202e'

let server: RunningServer | undefined
afterEach(() => server?.close())

async function logOf(format: LogFormat): Promise<string[]> {
  const lines: string[] = []
  server = await startServer({ log: format, write: (line) => lines.push(line) })
  await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { origin: 'https://attacker.example' },
    body: new URLSearchParams({ grant_type: 'password', client_id: HOSTILE }),
  })
  await server.close()
  server = undefined
  return lines
}

describe('request log', () => {
  it('writes every control character of a request value escaped in the pretty log', async () => {
    const lines = await logOf('pretty')
    const line = lines.find((l) => l.includes('POST /oauth/token')) ?? ''
    expect(line).toContain(
      'client=spa\\x1b]52;c;ZXZpbA==\\x07\\x1b]0;pwned\\x07\\x0d\\x0aauth0-mfa-emulator listening on http://evil\\x9b2J\\u202e',
    )
    // A line with nothing left to escape holds no control character.
    for (const l of lines) expect(escapeControls(l)).toBe(l)
  })

  it('writes JSON lines with no raw control character, which still parse to the value', async () => {
    const lines = await logOf('json')
    const line = lines.find((l) => l.includes('/oauth/token')) ?? ''
    expect(escapeControls(line)).toBe(line)
    expect(JSON.parse(line).client_id).toBe(HOSTILE)
  })

  it.each([
    ['a newline', 'a\nb', 'a\\x0ab'],
    ['an escape sequence', '\u001b[31mred', '\\x1b[31mred'],
    ['DEL and a C1 control', '\u007f\u0085', '\\x7f\\x85'],
    ['a bidirectional override', 'abc\u202edef', 'abc\\u202edef'],
    ['printable text, unchanged', 'auth0|alice é ✓', 'auth0|alice é ✓'],
  ])('escapes %s', (_, input, output) => {
    expect(escapeControls(input)).toBe(output)
  })

  it('keeps JSON lines valid', () => {
    expect(JSON.parse(jsonLogLine({ v: '\u009b\u2028' })).v).toBe('\u009b\u2028')
  })
})
