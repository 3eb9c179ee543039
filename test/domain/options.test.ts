import { describe, expect, it } from 'vitest'
import { createEmulator, type EmulatorOptions } from '../../src/index.js'
import { type StartServerOptions, startServer } from '../../src/server/index.js'

const LIMIT_NAMES = [
  'maxMfaTokens',
  'maxChallenges',
  'maxRefreshTokens',
  'maxAccessTokens',
  'maxClientAssertions',
  'maxMessagesPerUser',
] as const

describe('option validation', () => {
  it.each<[string, EmulatorOptions, ErrorConstructor, string]>([
    [
      'an invalid date',
      { now: new Date(Number.NaN) },
      RangeError,
      'now would put the emulator clock at NaN ms, outside ±100 years of now',
    ],
    [
      'a time far in the future',
      { now: 1e20 },
      RangeError,
      'now would put the emulator clock at 100000000000000000000 ms, outside ±100 years of now',
    ],
    [
      'a negative journal',
      { journalSize: -1 },
      RangeError,
      'journalSize must be a whole number from 0 to 100000, got -1',
    ],
    [
      'a NaN body limit',
      { maxBodyBytes: Number.NaN },
      RangeError,
      'maxBodyBytes must be a whole number from 1 to 1073741824, got NaN',
    ],
    [
      'a clock mode that does not exist',
      { clock: 'fake' as 'system' },
      TypeError,
      "clock must be 'emulator' or 'system', got 'fake'",
    ],
    [
      'a limit given as a string',
      { maxMfaTokens: '10' as unknown as number },
      TypeError,
      "maxMfaTokens must be a number, got '10'",
    ],
  ])('refuses %s when the emulator is created', (_name, options, type, message) => {
    const attempt = () => createEmulator(options)
    expect(attempt).toThrow(type)
    expect(attempt).toThrow(message)
  })

  it.each(LIMIT_NAMES)('refuses NaN, 0, fractions and 1e20 for %s', (name) => {
    for (const value of [Number.NaN, 0, 1.5, 1e20, Number.POSITIVE_INFINITY]) {
      expect(() => createEmulator({ [name]: value })).toThrow(
        new RangeError(`${name} must be a whole number from 1 to 10000000, got ${value}`),
      )
    }
  })

  it('accepts the limits at both ends of their range', () => {
    expect(() => createEmulator({ maxChallenges: 1, maxRefreshTokens: 10_000_000 })).not.toThrow()
  })

  it.each<[StartServerOptions, string]>([
    [{ port: 70_000 }, 'port must be a whole number from 0 to 65535, got 70000'],
    [{ port: Number.NaN }, 'port must be a whole number from 0 to 65535, got NaN'],
    [{ maxConnections: 0 }, 'maxConnections must be a whole number from 1 to 1000000, got 0'],
    [{ requestTimeout: -5 }, 'requestTimeout must be a whole number from 0 to 3600000, got -5'],
    [{ journalSize: -1 }, 'journalSize must be a whole number from 0 to 100000, got -1'],
  ])('refuses startServer(%o) before listening', async (options, message) => {
    await expect(startServer(options)).rejects.toThrow(new RangeError(message))
  })

  it('refuses a log format that does not exist with a TypeError', async () => {
    await expect(startServer({ log: 'loud' as 'json' })).rejects.toThrow(
      new TypeError("log must be 'pretty' or 'json' or 'silent', got 'loud'"),
    )
  })
})
