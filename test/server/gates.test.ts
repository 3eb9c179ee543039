// The standalone server runs its gates as one express middleware (`inOrder`): these hold it to
// what express's router did for each gate, and the app to its JSON 500 when a handler throws.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { NextFunction, Request, Response } from 'express'
import { http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { inOrder } from '../../src/server/app.js'
import { createApp } from '../../src/server/index.js'

const req = {} as Request
const res = {} as Response

describe('inOrder', () => {
  it('runs each step in turn, then hands on', () => {
    const seen: string[] = []
    const done = vi.fn()
    inOrder(
      (_q, _s, next) => {
        seen.push('a')
        next()
      },
      (_q, _s, next) => {
        seen.push('b')
        setImmediate(next)
      },
    )(req, res, done)
    expect(seen).toEqual(['a', 'b'])
    expect(done).not.toHaveBeenCalled()
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(done).toHaveBeenCalledWith()
        resolve()
      }),
    )
  })

  it('stops at a step that answers', () => {
    const done = vi.fn()
    const later = vi.fn()
    inOrder(() => undefined, later)(req, res, done)
    expect(later).not.toHaveBeenCalled()
    expect(done).not.toHaveBeenCalled()
  })

  it.each([
    ['passed to next', (_q: Request, _s: Response, next: NextFunction) => next(new Error('boom'))],
    [
      'thrown',
      () => {
        throw new Error('boom')
      },
    ],
  ])('hands on an error %s, skipping the rest', (_how, step) => {
    const done = vi.fn()
    const later = vi.fn()
    inOrder(step, later)(req, res, done)
    expect(done).toHaveBeenCalledWith(new Error('boom'))
    expect(later).not.toHaveBeenCalled()
  })

  it('hands on an error thrown by a step that runs after an event', async () => {
    const done = vi.fn()
    inOrder(
      (_q, _s, next) => setImmediate(next),
      () => {
        throw new Error('late')
      },
    )(req, res, done)
    await new Promise((resolve) => setImmediate(resolve))
    expect(done).toHaveBeenCalledWith(new Error('late'))
  })

  it('hands on a rejected promise', async () => {
    const done = vi.fn()
    inOrder(() => Promise.reject(new Error('async')))(req, res, done)
    await new Promise((resolve) => setImmediate(resolve))
    expect(done).toHaveBeenCalledWith(new Error('async'))
  })
})

describe('a handler that throws, standalone', () => {
  let server: Server | undefined
  afterEach(async () => {
    vi.restoreAllMocks()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  })

  it('answers a JSON 500 after the body was read, and the server keeps serving', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const emulator = createEmulator()
    const broken = {
      ...emulator,
      handlers: [
        http.post('*/boom', () => {
          throw new Error('broken handler')
        }),
        ...emulator.handlers,
      ],
    }
    server = createServer(createApp(broken, { log: 'silent' }))
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const res = await fetch(`${base}/boom`, { method: 'POST', body: 'x=1' })
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({
      error: 'server_error',
      error_description:
        'The emulator failed to handle the request: unexpected failure; see the server log',
    })
    const health = await fetch(`${base}/__emulator/health`)
    expect(health.status).toBe(200)
  })
})
