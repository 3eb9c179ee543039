/** A set that keeps only the `capacity` most recently added or touched values. */
export class BoundedSet<T> {
  readonly #values = new Set<T>()

  constructor(readonly capacity: number) {}

  /**
   * Adds `value` (or marks it as most recent) and returns whether it was new, dropping the least
   * recent value past the capacity.
   */
  add(value: T): boolean {
    const known = this.#values.delete(value)
    this.#values.add(value)
    if (this.#values.size > this.capacity) {
      const oldest = this.#values.values().next()
      if (!oldest.done) this.#values.delete(oldest.value)
    }
    return !known
  }

  /** How many values are held. */
  get size(): number {
    return this.#values.size
  }
}
