import { PRODUCT } from '../support/dev-messages.js'

const paint = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[39m`
const cyan = paint(36)
const green = paint(32)
const yellow = paint(33)
const red = paint(31)

/**
 * Whether lines written to `stream` get colour: on a terminal, unless `NO_COLOR` is set (the
 * no-color.org convention); `FORCE_COLOR` turns it on when piped. Piped output stays plain for
 * the scripts and CI steps that read it.
 */
export function colourEnabled(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env.NO_COLOR) return false
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY) && env.TERM !== 'dumb'
}

/** A pretty log line with its product prefix and its status coloured; other lines as they are. */
export function colourLine(line: string): string {
  if (!line.startsWith(`${PRODUCT} `)) return line
  const rest = line
    .slice(PRODUCT.length)
    .replace(/→ (2\d\d|3\d\d)\b/, (m) => green(m))
    .replace(/→ 4\d\d\b/, (m) => yellow(m))
    .replace(/→ (5\d\d\b|connection dropped)/, (m) => red(m))
  return `${cyan(PRODUCT)}${rest}`
}

/** An error line: red, with the product prefix kept readable. */
export function colourError(line: string): string {
  return red(line)
}
