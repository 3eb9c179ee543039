/** A map that keeps only the `capacity` most recently set or touched keys. */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>()

  constructor(readonly capacity: number) {}

  /** The value of `key`, leaving its recency alone. */
  get(key: K): V | undefined {
    return this.#entries.get(key)
  }

  /**
   * Sets `key` (making it most recent) and returns whether it was new, dropping the least
   * recent key past the capacity.
   */
  set(key: K, value: V): boolean {
    const known = this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
    return !known
  }

  /** How many keys are held. */
  get size(): number {
    return this.#entries.size
  }
}

/** A set that keeps only the `capacity` most recently added or touched values. */
export class BoundedSet<T> {
  readonly #values: BoundedMap<T, true>

  constructor(readonly capacity: number) {
    this.#values = new BoundedMap(capacity)
  }

  /**
   * Adds `value` (or marks it as most recent) and returns whether it was new, dropping the least
   * recent value past the capacity.
   */
  add(value: T): boolean {
    return this.#values.set(value, true)
  }

  /** How many values are held. */
  get size(): number {
    return this.#values.size
  }
}
