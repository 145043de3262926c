import type { ConsentRecord } from '../records/chain'
import type { AppendOutcome, ConsentStore, UnsealedConsent } from './store'

export interface BatchWriterOptions {
  /** Most records committed in one transaction. */
  maxBatch?: number
}

interface Waiting {
  item: UnsealedConsent
  resolve: (outcome: AppendOutcome) => void
  reject: (error: unknown) => void
}

/**
 * The single writer: requests queue their records; one flush at a time appends everything queued so far in
 * one transaction (one fsync / one COMMIT), and only then resolves each request. Records arriving while a
 * flush runs form the next batch, so the batch size grows with load.
 */
export class BatchWriter {
  private queue: Waiting[] = []
  private flushing = false
  private scheduled = false
  private readonly maxBatch: number

  constructor(
    private readonly store: ConsentStore,
    private readonly seal: (item: UnsealedConsent, prevHash: string, receivedAt: number) => ConsentRecord,
    options: BatchWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000
  }

  /** Resolves once the record (or the earlier one with the same idempotency key) is committed. */
  append(item: UnsealedConsent): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      this.schedule()
    })
  }

  /** Resolves when everything queued so far is committed. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) await new Promise((r) => setTimeout(r, 1))
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return
    this.scheduled = true
    // setImmediate lets the requests already parsed in this event-loop turn join the batch.
    setImmediate(() => {
      this.scheduled = false
      void this.flush()
    })
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return
    this.flushing = true
    const batch = this.queue.splice(0, this.maxBatch)
    try {
      const outcomes = await this.store.appendBatch(
        batch.map((w) => w.item),
        this.seal,
      )
      batch.forEach((w, i) => w.resolve(outcomes[i]!))
    } catch (error) {
      for (const w of batch) w.reject(error)
    } finally {
      this.flushing = false
      if (this.queue.length > 0) this.schedule()
    }
  }
}
