import type { ConsentRecord } from '../records/chain'
import type { SignedProof } from '../records/signing'
import type { AppendOutcome, RecordStore, UnsealedConsent } from './store'

export interface BatchWriterOptions {
  /** Most records committed in one transaction. */
  maxBatch?: number
}

/** A committed (or replayed) record with its receipt signature and inclusion proof. */
export type SignedOutcome = AppendOutcome & SignedProof

interface Waiting {
  item: UnsealedConsent
  resolve: (outcome: SignedOutcome) => void
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
    private readonly store: RecordStore,
    private readonly seal: (item: UnsealedConsent, prevHash: string, receivedAt: number) => ConsentRecord,
    private readonly signBatch: (hashes: string[]) => SignedProof[],
    options: BatchWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000
  }

  /** Resolves once the record (or the earlier one with the same idempotency key) is committed. */
  append(item: UnsealedConsent): Promise<SignedOutcome> {
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
    let outcomes: AppendOutcome[]
    try {
      outcomes = await this.store.appendBatch(
        batch.map((w) => w.item),
        this.seal,
      )
    } catch (error) {
      await this.isolate(batch, error)
      return this.done()
    }
    // Committed: the next batch is scheduled before this one's receipts are signed (one signature per batch).
    this.done()
    this.answer(batch, outcomes)
  }

  /**
   * A batch the database refused was written not at all (one transaction), so its halves go again, one after the
   * other, until each refused record is alone: a record the database cannot take (a gap in validation) fails its
   * own request, not the others committed with it. A failing database (connection lost, disk full) fails the
   * batch at once, as it would fail every half.
   */
  private async isolate(batch: Waiting[], error: unknown): Promise<void> {
    if (batch.length === 1 || !this.store.isRecordRefusal(error)) {
      for (const w of batch) w.reject(error)
      return
    }
    const mid = batch.length >> 1
    for (const half of [batch.slice(0, mid), batch.slice(mid)]) {
      try {
        this.answer(
          half,
          await this.store.appendBatch(
            half.map((w) => w.item),
            this.seal,
          ),
        )
      } catch (halfError) {
        await this.isolate(half, halfError)
      }
    }
  }

  /** Signs a committed batch once and resolves each request with its receipt. */
  private answer(batch: Waiting[], outcomes: AppendOutcome[]): void {
    try {
      const signed = this.signBatch(outcomes.map((o) => o.record.hash))
      batch.forEach((w, i) => {
        const { record, replay } = outcomes[i]!
        const { signature, proof } = signed[i]!
        w.resolve({ record, replay, signature, proof })
      })
    } catch (error) {
      for (const w of batch) w.reject(error)
    }
  }

  private done(): void {
    this.flushing = false
    if (this.queue.length > 0) this.schedule()
  }
}
