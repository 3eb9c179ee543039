let second = Number.NaN
let prefix = ''

/**
 * `new Date(ms).toISOString()` for a whole number of milliseconds, with the part up to the second
 * worked out once per second: the journal stamps every request, and under load most requests of
 * a second share that part.
 */
export function isoTime(ms: number = Date.now()): string {
  const whole = Math.floor(ms / 1000)
  if (whole !== second) {
    second = whole
    prefix = new Date(whole * 1000).toISOString().slice(0, -4)
  }
  return `${prefix}${String(ms - whole * 1000).padStart(3, '0')}Z`
}
