import { loadOpenCookieDatabase, scanResultSchema, scanSite, type ScanRequest, type ScanResult } from '@consentry/scanner'
import type { RecordStore, ScanRow } from '../db/store'
import { newId } from '../records/ids'

export interface ScanJobOptions {
  /** Scans running at once (each drives its own headless Chromium). Default 1. */
  concurrency?: number
  /** Scans waiting at most; more are refused. Default 10. */
  maxQueued?: number
  /** Chromium to drive; default CHROMIUM_PATH or /usr/bin/chromium. */
  chromiumPath?: string
  /** The Open Cookie Database CSV (see docs/scanner.md); default CONSENTRY_OCD_PATH or the default path. */
  ocdPath?: string
}

/**
 * Runs a site's cookie scans in the background, a bounded number at a time, and stores each one's state and
 * result. Jobs live in this process: a scan still queued or running when the process stopped is reported failed.
 */
export class ScanJobs {
  private readonly queue: {
    row: ScanRow
    request: ScanRequest & { url: string; allowedOrigins: readonly string[] }
    config: Record<string, unknown> | null
  }[] = []
  private readonly live = new Set<string>()
  private running = 0
  private ocd: ReturnType<typeof loadOpenCookieDatabase> | undefined

  constructor(
    private readonly store: RecordStore,
    private readonly options: ScanJobOptions = {},
  ) {}

  /** Whether this process still owns the scan (queued or running); otherwise an unfinished scan was interrupted. */
  owns(scanId: string): boolean {
    return this.live.has(scanId)
  }

  /** Queues a scan; returns its row, or null when the queue is full. */
  async enqueue(
    siteId: string,
    request: ScanRequest & { url: string; allowedOrigins: readonly string[] },
    config: Record<string, unknown> | null,
  ): Promise<ScanRow | null> {
    if (this.queue.length >= (this.options.maxQueued ?? 10)) return null
    const { allowedOrigins: _origins, ...options } = request
    const row: ScanRow = {
      id: newId('scan'),
      siteId,
      status: 'queued',
      url: request.url,
      options,
      result: null,
      error: null,
      findings: null,
      createdAt: Date.now(),
      startedAt: null,
      finishedAt: null,
    }
    await this.store.insertScan(row)
    this.live.add(row.id)
    this.queue.push({ row, request, config })
    this.pump()
    return row
  }

  private pump(): void {
    while (this.running < (this.options.concurrency ?? 1) && this.queue.length) {
      const job = this.queue.shift()!
      this.running++
      void this.run(job).finally(() => {
        this.running--
        this.live.delete(job.row.id)
        this.pump()
      })
    }
  }

  private async run(job: (typeof this.queue)[number]): Promise<void> {
    const { row, request, config } = job
    try {
      await this.store.updateScan(row.id, { status: 'running', startedAt: Date.now() })
      this.ocd ??= loadOpenCookieDatabase(this.options.ocdPath ?? null)
      const result = await scanSite({
        ...request,
        config,
        previous: await this.previousResult(row.siteId, row.id),
        ocd: this.ocd ? { path: this.ocd.path, entries: this.ocd.entries, rejected: this.ocd.rejected.length } : null,
        ...(this.options.chromiumPath ? { chromiumPath: this.options.chromiumPath } : {}),
      })
      await this.store.updateScan(row.id, { status: 'done', result: JSON.stringify(result), findings: result.findings.length, finishedAt: Date.now() })
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
      await this.store.updateScan(row.id, { status: 'failed', error: message.slice(0, 2000), finishedAt: Date.now() }).catch(() => {})
    }
  }

  /** The site's latest finished scan before this one, for "what changed". */
  private async previousResult(siteId: string, except: string): Promise<ScanResult | null> {
    const last = (await this.store.listScans(siteId, 20)).find((s) => s.id !== except && s.status === 'done')
    const row = last ? await this.store.getScan(last.id) : undefined
    if (!row?.result) return null
    const parsed = scanResultSchema.safeParse(JSON.parse(row.result))
    return parsed.success ? parsed.data : null
  }
}
