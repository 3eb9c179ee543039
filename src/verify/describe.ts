import type { Answer } from './wire.js'

/** An answer in a few words: `403 invalid_grant "Wrong email or password."`. */
export function describeAnswer(answer: Answer): string {
  const body = answer.json as { error?: unknown; error_description?: unknown } | undefined
  if (body && typeof body.error === 'string') {
    const description =
      typeof body.error_description === 'string' ? ` "${body.error_description}"` : ''
    return `${answer.status} ${body.error}${description}`
  }
  const text = answer.text.replace(/\s+/g, ' ').trim().slice(0, 60)
  return text ? `${answer.status} "${text}"` : String(answer.status)
}
