import { customRandom } from 'nanoid'

/** Fills `size` random bytes; seeded sources repeat their sequence. */
export type RandomBytes = (size: number) => Uint8Array

function hashSeed(seed: string): [number, number, number, number] {
  // cyrb128: spreads a string seed over four 32-bit words for the generator below.
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]
}

/**
 * A random byte source: the platform's CSPRNG, or with a seed a small deterministic generator
 * (sfc32) so that codes and tokens repeat across runs. Seeded output is for tests, not secrets.
 */
export function createRandomBytes(seed?: string | number): RandomBytes {
  if (seed === undefined) {
    // One getRandomValues call per 4 KiB instead of one per id: it is a syscall-backed call.
    let pool = new Uint8Array(0)
    let offset = 0
    return (size) => {
      if (offset + size > pool.length) {
        pool = crypto.getRandomValues(new Uint8Array(Math.max(4096, size)))
        offset = 0
      }
      offset += size
      return pool.slice(offset - size, offset)
    }
  }
  let [a, b, c, d] = hashSeed(String(seed))
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  return (size) => {
    const out = new Uint8Array(size)
    for (let i = 0; i < size; i++) out[i] = next() & 0xff
    return out
  }
}

/** A generator of `size`-character strings over `alphabet` drawing from `random`. */
export function stringGenerator(random: RandomBytes, alphabet: string, size: number): () => string {
  return customRandom(alphabet, size, random)
}

/** A random source whose `restart()` begins its sequence again (seeded sources repeat it). */
export interface RestartableRandom {
  readonly bytes: RandomBytes
  restart(): void
}

/** A source over `createRandomBytes(seed)` that can start over, so resets repeat seeded values. */
export function createRestartableRandom(seed?: string | number): RestartableRandom {
  let current = createRandomBytes(seed)
  return {
    bytes: (size) => current(size),
    restart() {
      current = createRandomBytes(seed)
    },
  }
}
