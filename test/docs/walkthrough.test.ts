import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/server/index.js'
import { run } from '../support/run.js'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** The first `sh` block after the walkthrough's heading, as a user would paste it. */
function walkthrough(): string {
  const section = README.slice(README.indexOf('## Walk the whole flow with curl'))
  const match = /```sh\n([\s\S]*?)```/.exec(section)
  if (!match?.[1]) throw new Error('README has no walkthrough shell block')
  return match[1]
}

describe('the README walkthrough', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0 })
  })
  afterAll(() => server.close())

  it('runs as pasted and prints what its comments say', async () => {
    const {
      code,
      stdout: out,
      stderr: err,
    } = await run('bash', ['-e', '-o', 'pipefail', '-c', walkthrough()], {
      cwd: process.cwd(),
      env: { BASE: server.url },
    })
    expect(err).toBe('')
    expect(code).toBe(0)
    const lines = out.trim().split('\n')
    expect(lines).toHaveLength(6)
    expect(lines[0]).toMatch(
      /^\{"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"[^"]+"\} 403$/,
    )
    expect(lines[1]).toMatch(
      /^\{"access_token":"[^"]+","id_token":"eyJ[^"]+","scope":"openid profile email","expires_in":86400,"recovery_code":"[1-9A-HJ-NP-Z]{24}","token_type":"Bearer"\} 200$/,
    )
    expect(lines[2]).toBe(
      '{"error":"invalid_grant","error_description":"Invalid recovery_code."} 403',
    )
    expect(lines[3]).toBe('Bearer')
    expect(lines[4]).toMatch(
      /^\{"user_id":"auth0\|alice",.*"recovery_code":"[1-9A-HJ-NP-Z]{24}".*\} 200$/,
    )
    expect(lines[5]).toBe('{"status":"reset"} 200')
    expect(server.emulator.currentRecoveryCode('auth0|alice')).toBe('K6LGLV3RSH3VERMKET8L7QKU')
  })
})
