/** Splits a space-delimited scope string into its distinct values, in order. */
export function scopeValues(scope: string): string[] {
  return [...new Set(scope.split(/\s+/).filter(Boolean))]
}
