import { expect, it } from 'vitest'
import { compareAnswers } from '../../src/verify/compare.js'
import { sealedExpiry } from '../../src/verify/iron.js'
import { templated } from '../../src/verify/record.js'
import type { Answer } from '../../src/verify/wire.js'

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    text,
    json: typeof body === 'string' ? undefined : body,
    sentAt: 0,
    receivedAt: 0,
  }
}

const TOKEN = { tokenEndpoint: true }
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' }

it('compares status, error, error_description and key order', () => {
  const tenant = answer(400, { error_description: 'Nope.', error: 'invalid_request' }, NO_STORE)
  const emulator = answer(403, { error: 'invalid_request', error_description: 'No.' }, NO_STORE)
  expect(compareAnswers(tenant, emulator, TOKEN)).toEqual([
    { what: 'status', tenant: '400', emulator: '403' },
    {
      what: 'key order',
      tenant: 'error_description, error',
      emulator: 'error, error_description',
    },
    { what: 'error_description', tenant: '"Nope."', emulator: '"No."' },
  ])
})

it('compares the headers that matter on /oauth/token, values of Cache-Control case-insensitively', () => {
  const tenant = answer(
    401,
    { error: 'x' },
    {
      'cache-control': 'No-Store',
      'www-authenticate': 'Bearer',
    },
  )
  const emulator = answer(
    401,
    { error: 'x' },
    {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      pragma: 'no-cache',
    },
  )
  expect(compareAnswers(tenant, emulator, TOKEN)).toEqual([
    {
      what: 'Content-Type',
      tenant: 'application/json',
      emulator: 'application/json; charset=utf-8',
    },
    { what: 'Pragma', tenant: '(none)', emulator: 'no-cache' },
    { what: 'WWW-Authenticate', tenant: 'Bearer', emulator: '(none)' },
  ])
})

it('compares tokens by shape and the chosen members by value', () => {
  const tenant = answer(
    200,
    { access_token: 'a', expires_in: 7200, token_type: 'Bearer' },
    NO_STORE,
  )
  const emulator = answer(200, { access_token: 'b', expires_in: 86400, id_token: 'c' }, NO_STORE)
  expect(compareAnswers(tenant, emulator, { ...TOKEN, valueKeys: ['expires_in'] })).toEqual([
    {
      what: 'keys',
      tenant: 'access_token, expires_in, token_type',
      emulator: 'access_token, expires_in, id_token',
    },
    { what: 'expires_in', tenant: '7200', emulator: '86400' },
  ])
  const typed = answer(200, { access_token: 1 }, NO_STORE)
  expect(compareAnswers(typed, answer(200, { access_token: 'x' }, NO_STORE), TOKEN)).toEqual([
    { what: 'type of access_token', tenant: 'number', emulator: 'string' },
  ])
})

it('compares one picked element of array bodies and text bodies as text', () => {
  const pick = (x: unknown) => (x as { type?: string }).type === 'recovery-code'
  const tenant = answer(200, [{ type: 'otp' }, { id: 'r|1', type: 'recovery-code' }])
  const emulator = answer(200, [{ type: 'recovery-code', id: 'r|2' }])
  expect(compareAnswers(tenant, emulator, { tokenEndpoint: false, pick })).toEqual([
    { what: 'element key order', tenant: 'id, type', emulator: 'type, id' },
  ])
  expect(
    compareAnswers(answer(401, 'Unauthorized'), answer(401, { error: 'x' }), {
      tokenEndpoint: false,
    }),
  ).toEqual([{ what: 'body', tenant: 'string body', emulator: 'object body' }])
})

it('puts placeholders back where a description repeats a request value', () => {
  expect(templated("Grant type 'urn:x' not allowed for the client.", { grant_type: 'urn:x' })).toBe(
    "Grant type '{grant_type}' not allowed for the client.",
  )
  expect(templated('Missing required parameter: mfa_token', { name: 'mfa_token' })).toBe(
    'Missing required parameter: {name}',
  )
})

it('reads the expiry an Iron-sealed mfa_token carries', () => {
  const token = `Fe26.2*SERVER_1700000000*${'a'.repeat(64)}*${'b'.repeat(22)}*data*1700000600000*${'c'.repeat(64)}*${'d'.repeat(43)}`
  expect(sealedExpiry(token)).toBe(1_700_000_600_000)
  expect(sealedExpiry('opaque-token')).toBeUndefined()
})
