/**
 * Records per (site, visitor) per UTC day, counted in memory at the write side so one visitor id cannot grow a
 * site's log (and its history) without end. Per process, like the rate limiter: behind several instances each
 * enforces its own share. Entries of past days are dropped when the table grows.
 */
export class VisitorDailyCap {
  private readonly counts = new Map<string, { day: number; n: number }>()
  constructor(
    readonly cap: number,
    private readonly maxEntries = 200_000,
  ) {}

  /** Counts one record; false when the visitor already reached the cap on this site today. */
  take(siteId: string, visitorId: string, now = Date.now()): boolean {
    const day = Math.floor(now / 86_400_000)
    const key = `${siteId}|${visitorId}`
    let entry = this.counts.get(key)
    if (!entry || entry.day !== day) {
      if (!entry && this.counts.size >= this.maxEntries) this.sweep(day)
      entry = { day, n: 0 }
      this.counts.set(key, entry)
    }
    if (entry.n >= this.cap) return false
    entry.n++
    return true
  }

  /** Drops other days' counts; if today's alone fill the table, drops the oldest half (the map keeps insertion order). */
  private sweep(day: number): void {
    for (const [key, e] of this.counts) if (e.day !== day) this.counts.delete(key)
    if (this.counts.size < this.maxEntries) return
    let drop = this.counts.size / 2
    for (const key of this.counts.keys()) {
      if (drop-- <= 0) break
      this.counts.delete(key)
    }
  }
}
