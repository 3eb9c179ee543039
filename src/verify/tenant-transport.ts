import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { describeAnswer } from './describe.js'
import { RateLimited, VerifyProblem } from './problem.js'
import { type Answer, encodeRequest, parseJson, type WireRequest } from './wire.js'

/** Where the tenant is reached and how long to wait for each answer. */
export interface TenantTarget {
  /** `https://{domain}`, or the `--base-url` that replaces it. */
  origin: string
  /** The tenant domain, sent as the `Host` header when `origin` names another host. */
  domain: string
  timeoutMs: number
}

function headersOf(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

function unreachable(target: TenantTarget, err: NodeJS.ErrnoException): VerifyProblem {
  const where = target.origin === `https://${target.domain}` ? '--domain' : '--base-url'
  const code = err.code ?? err.message
  return new VerifyProblem(
    `cannot reach the tenant at ${target.origin} (${code}); check ${where} and the network`,
  )
}

/** Sends requests to the real tenant over `node:http(s)`, which (unlike fetch) can set `Host`. */
export function tenantTransport(target: TenantTarget): (request: WireRequest) => Promise<Answer> {
  const origin = new URL(target.origin)
  const send = origin.protocol === 'http:' ? httpRequest : httpsRequest
  return (wire) =>
    new Promise<Answer>((resolve, reject) => {
      const { headers, body } = encodeRequest(wire)
      if (origin.hostname !== target.domain) headers.Host = target.domain
      if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body))
      const sentAt = Date.now()
      // No connection pool: nothing stays open after the run, and each request stands alone.
      const options = { method: wire.method, headers, agent: false }
      const req = send(new URL(wire.path, origin), options, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', (err) => reject(unreachable(target, err)))
        res.on('end', () => {
          clearTimeout(timer)
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({
            status: res.statusCode ?? 0,
            headers: headersOf(res),
            text,
            json: parseJson(text),
            sentAt,
            receivedAt: Date.now(),
          })
        })
      })
      const timer = setTimeout(() => {
        // Settle first: destroying the request emits an 'error' that must not win.
        reject(
          new VerifyProblem(
            `the tenant did not answer ${wire.method} ${wire.path} within ${target.timeoutMs} ms; check that ${target.origin} is an Auth0 tenant, or raise --timeout`,
          ),
        )
        req.destroy()
      }, target.timeoutMs)
      req.on('error', (err) => {
        clearTimeout(timer)
        reject(unreachable(target, err))
      })
      req.end(body)
    })
}

/**
 * Turns an outage into a `VerifyProblem`: a 5xx, or a rate limit (`429 too_many_requests`, unlike
 * the `too_many_attempts` under test), is not a difference. Auth0 also answers the password grant
 * with a 500 when the tenant has no default directory.
 */
export function refusingOutages(
  transport: (request: WireRequest) => Promise<Answer>,
): (request: WireRequest) => Promise<Answer> {
  return async (wire) => {
    const answer = await transport(wire)
    const error = (answer.json as { error?: unknown } | undefined)?.error
    const limited = answer.status === 429 && error !== 'too_many_attempts'
    if (answer.status < 500 && !limited) return answer
    const got = describeAnswer(answer)
    if (limited) {
      throw new RateLimited(
        `the tenant rate-limited ${wire.method} ${wire.path} (${got}); wait a minute and run again`,
      )
    }
    if (/default connection/i.test(answer.text)) {
      throw new VerifyProblem(
        `the tenant has no default directory for the password grant (${got}); pass --realm with the database connection's name, e.g. Username-Password-Authentication`,
      )
    }
    throw new VerifyProblem(
      `the tenant answered ${wire.method} ${wire.path} with ${got}; it is failing rather than differing: retry later`,
    )
  }
}
