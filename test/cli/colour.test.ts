import { describe, expect, it } from 'vitest'
import { colourEnabled, colourLine } from '../../src/cli/colour.js'
import { readyUrl, spawnCli } from '../support/cli.js'

const ESC = '\u001b['

describe('colour', () => {
  it.each([
    ['a terminal', { isTTY: true }, {}, true],
    ['a pipe', { isTTY: false }, {}, false],
    ['a terminal with NO_COLOR', { isTTY: true }, { NO_COLOR: '1' }, false],
    ['a terminal with TERM=dumb', { isTTY: true }, { TERM: 'dumb' }, false],
    ['a pipe with FORCE_COLOR', { isTTY: false }, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR with NO_COLOR', { isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
    ['FORCE_COLOR=0', { isTTY: true }, { FORCE_COLOR: '0' }, true],
  ])('is %s: %j %j → %s', (_, stream, env, on) => {
    expect(colourEnabled(stream, env)).toBe(on)
  })

  it('colours the prefix and the status of a request line, and nothing else', () => {
    expect(colourLine('auth0-mfa-emulator POST /oauth/token → 403 invalid_grant: x (1 ms)')).toBe(
      `${ESC}36mauth0-mfa-emulator${ESC}39m POST /oauth/token ${ESC}33m→ 403${ESC}39m invalid_grant: x (1 ms)`,
    )
    expect(colourLine('{"level":"info","msg":"listening"}')).toBe(
      '{"level":"info","msg":"listening"}',
    )
  })

  it.each([
    ['piped', {}, false],
    ['piped with FORCE_COLOR', { FORCE_COLOR: '1' }, true],
    ['piped with FORCE_COLOR and NO_COLOR', { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
  ])('prints the ready line %s with colour: %s', async (_, env, coloured) => {
    const cli = spawnCli(['--port', '0', '--log', 'silent'], {
      NO_COLOR: '',
      FORCE_COLOR: '',
      ...env,
    })
    await readyUrl(cli)
    cli.child.kill('SIGTERM')
    await cli.exited
    expect(cli.stdout().includes(ESC)).toBe(coloured)
  })
})
