/**
 * Service ids are visitor- and owner-supplied keys. Read them with `own` and build records of them with
 * `recordOf`, so an id named like an `Object.prototype` member (`constructor`, `toString`, `__proto__`) is an
 * ordinary key: never an inherited value, never a prototype change.
 */

/** `record[key]` when `key` is the record's own property, else undefined. */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined
}

/** A record from `[key, value]` pairs, each key an own property (`obj[key] = v` with `__proto__` sets the prototype). */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries(entries) as Record<string, T>
}
