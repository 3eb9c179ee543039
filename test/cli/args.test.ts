import { describe, expect, it } from 'vitest'
import { CliError, parseCli } from '../../src/cli/args.js'
import { ENVIRONMENT, usage } from '../../src/cli/flags.js'

const DEFAULTS = {
  kind: 'run',
  port: 4000,
  host: '127.0.0.1',
  fixtures: undefined,
  fixturesOverlay: undefined,
  watch: false,
  scenarios: [],
  issuer: undefined,
  https: false,
  cert: undefined,
  key: undefined,
  log: 'pretty',
  seed: undefined,
  adminToken: undefined,
  stateFile: undefined,
  controlOrigins: [],
  controlHosts: [],
}

function refusal(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseCli(argv, env)
  } catch (err) {
    if (err instanceof CliError) return err.message
    throw err
  }
  throw new Error('the command line was accepted')
}

describe('cli arguments', () => {
  it('applies the defaults when no flag or variable is set', () => {
    expect(parseCli([], {})).toEqual(DEFAULTS)
  })

  it('reads every long flag', () => {
    const argv = [
      ...['--port', '0', '--host', '0.0.0.0', '--fixtures', 'f.json'],
      ...['--scenario', 'slow', '--scenario', 'server-error', '--issuer', 'https://x.test/'],
      ...['--https', '--cert', 'c.pem', '--key', 'k.pem', '--log', 'json', '--seed', 's'],
      ...['--admin-token', 't', '--state-file', 'state.json'],
      ...['--control-origin', 'http://localhost:5173', '--control-host', 'dev-tenant.local'],
    ]
    expect(parseCli(argv, {})).toEqual({
      kind: 'run',
      port: 0,
      host: '0.0.0.0',
      fixtures: 'f.json',
      fixturesOverlay: undefined,
      watch: false,
      scenarios: ['slow', 'server-error'],
      issuer: 'https://x.test/',
      https: true,
      cert: 'c.pem',
      key: 'k.pem',
      log: 'json',
      seed: 's',
      adminToken: 't',
      stateFile: 'state.json',
      controlOrigins: ['http://localhost:5173'],
      controlHosts: ['dev-tenant.local'],
    })
  })

  it('reads the short flags', () => {
    expect(parseCli(['-p', '5', '-f', 'a.json', '-s', 'slow', '-s', 'slow'], {})).toMatchObject({
      port: 5,
      fixtures: 'a.json',
      scenarios: ['slow', 'slow'],
    })
    expect(parseCli(['-h'], {})).toEqual({ kind: 'help' })
    expect(parseCli(['-v'], {})).toEqual({ kind: 'version' })
    expect(parseCli(['--port', 'x', '--help'], {})).toEqual({ kind: 'help' })
  })

  it('reads every environment variable', () => {
    const env = {
      AUTH0_EMULATOR_PORT: '4100',
      AUTH0_EMULATOR_HOST: '::1',
      AUTH0_EMULATOR_CONTROL_ORIGINS: 'http://localhost:5173, https://app.test',
      AUTH0_EMULATOR_CONTROL_HOSTS: 'dev-tenant.local, Acme.Local',
      AUTH0_EMULATOR_FIXTURES: 'e.json',
      AUTH0_EMULATOR_FIXTURES_OVERLAY: 'o.json',
      AUTH0_EMULATOR_SCENARIOS: ' slow , expired-mfa-token,,',
      AUTH0_EMULATOR_ISSUER: 'http://issuer.test',
      AUTH0_EMULATOR_CERT: 'c.pem',
      AUTH0_EMULATOR_KEY: 'k.pem',
      AUTH0_EMULATOR_LOG: 'silent',
      AUTH0_EMULATOR_SEED: 'seed',
      AUTH0_EMULATOR_ADMIN_TOKEN: 'secret',
      AUTH0_EMULATOR_STATE_FILE: 's.json',
    }
    expect(parseCli([], env)).toEqual({
      kind: 'run',
      port: 4100,
      host: '::1',
      fixtures: 'e.json',
      fixturesOverlay: 'o.json',
      watch: false,
      scenarios: ['slow', 'expired-mfa-token'],
      issuer: 'http://issuer.test',
      https: true,
      cert: 'c.pem',
      key: 'k.pem',
      log: 'silent',
      seed: 'seed',
      adminToken: 'secret',
      stateFile: 's.json',
      controlOrigins: ['http://localhost:5173', 'https://app.test'],
      controlHosts: ['dev-tenant.local', 'acme.local'],
    })
  })

  it('reads --watch and AUTH0_EMULATOR_WATCH, and refuses it with a state file', () => {
    expect(parseCli(['--watch'], {})).toMatchObject({ watch: true })
    expect(parseCli([], { AUTH0_EMULATOR_WATCH: '1' })).toMatchObject({ watch: true })
    expect(refusal(['--watch', '--state-file', 's.json'])).toBe(
      '--watch resets the tenant to the fixture on every change, which --state-file would undo: choose one',
    )
  })

  it('reads PORT when AUTH0_EMULATOR_PORT is unset, and never HOST', () => {
    expect(parseCli([], { PORT: '4200', HOST: 'myhost.example' })).toMatchObject({
      port: 4200,
      host: '127.0.0.1',
    })
    expect(parseCli([], { PORT: '4200', AUTH0_EMULATOR_PORT: '4300' })).toMatchObject({
      port: 4300,
    })
    expect(refusal([], { PORT: 'x' })).toBe(
      "PORT must be a port number from 0 to 65535 (0 picks a free port), got 'x'",
    )
  })

  it('takes repeated --control-origin flags over the variable, and refuses what is not an origin', () => {
    expect(
      parseCli(
        ['--control-origin', 'http://localhost:3000', '--control-origin=http://a.test:8080'],
        {
          AUTH0_EMULATOR_CONTROL_ORIGINS: 'http://ignored.test',
        },
      ),
    ).toMatchObject({ controlOrigins: ['http://localhost:3000', 'http://a.test:8080'] })
    expect(refusal(['--control-origin', 'http://a.test/path'], {})).toBe(
      "--control-origin must be an origin such as http://localhost:5173 (scheme, host and port, nothing after), got 'http://a.test/path'",
    )
  })

  it('refuses a --control-host that is not a bare host name', () => {
    for (const text of ['http://dev-tenant.local', 'dev-tenant.local:4000', 'a b']) {
      expect(refusal(['--control-host', text], {})).toBe(
        `--control-host must be a host name such as dev-tenant.local (no scheme or port), got '${text}'`,
      )
    }
  })

  it('lets flags win over variables and treats empty variables as unset', () => {
    const env = {
      AUTH0_EMULATOR_PORT: '1',
      AUTH0_EMULATOR_SCENARIOS: 'slow',
      AUTH0_EMULATOR_LOG: '',
      AUTH0_EMULATOR_HOST: '',
    }
    expect(parseCli(['--port', '2', '--scenario', 'server-error'], env)).toMatchObject({
      port: 2,
      scenarios: ['server-error'],
      log: 'pretty',
      host: '127.0.0.1',
    })
  })

  it.each([
    ['1', true],
    ['TRUE', true],
    ['yes', true],
    ['on', true],
    ['0', false],
    ['no', false],
  ])('reads AUTH0_EMULATOR_HTTPS=%s as %s', (value, https) => {
    expect(parseCli([], { AUTH0_EMULATOR_HTTPS: value })).toMatchObject({ https })
  })

  it.each([
    [
      ['--port', '65536'],
      {},
      "--port must be a port number from 0 to 65535 (0 picks a free port), got '65536'",
    ],
    [
      [],
      { PORT: '-1' },
      "PORT must be a port number from 0 to 65535 (0 picks a free port), got '-1'",
    ],
    [
      ['--issuer', 'ftp://x'],
      {},
      "--issuer must be an absolute http(s) URL such as https://dev-tenant.local/, got 'ftp://x'",
    ],
    [
      [],
      { AUTH0_EMULATOR_ISSUER: 'nope' },
      "AUTH0_EMULATOR_ISSUER must be an absolute http(s) URL such as https://dev-tenant.local/, got 'nope'",
    ],
    [['--log', 'xml'], {}, "--log must be one of pretty, json, silent, got 'xml'"],
    [['--cert', 'c.pem'], {}, '--cert and --key go together: give both PEM files, or neither'],
    [
      [],
      { AUTH0_EMULATOR_SCENARIOS: 'flaky' },
      expect.stringMatching(
        /^--scenario: Unknown scenario 'flaky'\. Known scenarios: invalid-recovery-code, /,
      ),
    ],
    [['--prot', '1'], {}, expect.stringMatching(/'--prot'.*; run with --help for the flags$/)],
    [['extra'], {}, expect.stringMatching(/'extra'.*; run with --help for the flags$/)],
  ] as const)('refuses %j %j', (argv, env, message) => {
    expect(refusal([...argv], env)).toEqual(message)
  })

  it('names the environment variable of each flag', () => {
    expect(ENVIRONMENT).toEqual({
      port: 'AUTH0_EMULATOR_PORT',
      host: 'AUTH0_EMULATOR_HOST',
      fixtures: 'AUTH0_EMULATOR_FIXTURES',
      fixturesOverlay: 'AUTH0_EMULATOR_FIXTURES_OVERLAY',
      watch: 'AUTH0_EMULATOR_WATCH',
      scenario: 'AUTH0_EMULATOR_SCENARIOS',
      issuer: 'AUTH0_EMULATOR_ISSUER',
      https: 'AUTH0_EMULATOR_HTTPS',
      cert: 'AUTH0_EMULATOR_CERT',
      key: 'AUTH0_EMULATOR_KEY',
      log: 'AUTH0_EMULATOR_LOG',
      seed: 'AUTH0_EMULATOR_SEED',
      adminToken: 'AUTH0_EMULATOR_ADMIN_TOKEN',
      controlOrigin: 'AUTH0_EMULATOR_CONTROL_ORIGINS',
      controlHost: 'AUTH0_EMULATOR_CONTROL_HOSTS',
      stateFile: 'AUTH0_EMULATOR_STATE_FILE',
    })
  })

  it('lists every flag, its variable and the scenarios in --help', () => {
    const text = usage(['slow', 'server-error'])
    expect(text).toMatch(/^Usage: auth0-mfa-emulator \[options\]\n/)
    for (const flag of [
      '-p, --port N',
      '--host HOST',
      '-f, --fixtures FILE',
      '-s, --scenario NAME',
    ]) {
      expect(text).toContain(flag)
    }
    for (const name of [
      ...Object.values(ENVIRONMENT),
      'AUTH0_EMULATOR_CERT_DIR',
      '-h, --help',
      '-v, --version',
    ]) {
      expect(text).toContain(name)
    }
    expect(text).toContain('\nScenarios: slow, server-error\n')
  })
})

describe('did you mean', () => {
  it.each([
    [
      ['--prot', '0'],
      "Unknown option '--prot' (did you mean --port?); run with --help for the flags",
    ],
    [
      ['--fixture', 'f.json'],
      "Unknown option '--fixture' (did you mean --fixtures?); run with --help for the flags",
    ],
    [
      ['--senario', 'slow'],
      "Unknown option '--senario' (did you mean --scenario?); run with --help for the flags",
    ],
    [['--zzz'], "Unknown option '--zzz'; run with --help for the flags"],
  ])('suggests the flag closest to %j', (argv, message) => {
    expect(refusal(argv)).toBe(message)
  })

  it('suggests the scenario closest to a mistyped one', () => {
    expect(refusal(['--scenario', 'expired-mfa-tokn'])).toMatch(
      /^--scenario: Unknown scenario 'expired-mfa-tokn'\. Known scenarios: .* \(did you mean 'expired-mfa-token'\?\)$/,
    )
    expect(refusal(['--scenario', 'nothing-like-it'])).not.toContain('did you mean')
  })
})
