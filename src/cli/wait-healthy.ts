import { get as httpGet } from 'node:http'
import { get as httpsGet } from 'node:https'
import { CliError } from './args.js'

const RETRY_MS = 100

function probe(url: string, headers: Record<string, string>, ca?: string): Promise<boolean> {
  const get = url.startsWith('https:') ? httpsGet : httpGet
  return new Promise((resolve) => {
    const req = get(url, { headers, ...(ca ? { ca } : {}) }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('error', () => resolve(false))
  })
}

/**
 * Polls the health endpoint until it answers 200, or throws a `CliError` once `timeoutMs` has
 * passed: a command must never start against an emulator that does not answer.
 */
export async function waitHealthy(
  baseUrl: string,
  options: { timeoutMs: number; ca?: string; adminToken?: string },
): Promise<void> {
  const url = `${baseUrl}/__emulator/health`
  const headers = options.adminToken ? { authorization: `Bearer ${options.adminToken}` } : {}
  const deadline = Date.now() + options.timeoutMs
  while (!(await probe(url, headers, options.ca))) {
    if (Date.now() >= deadline) {
      throw new CliError(
        `the emulator at ${baseUrl} did not answer ${url} within ${options.timeoutMs / 1000} s`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
  }
}
