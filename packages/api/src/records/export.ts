import { getTableColumns } from 'drizzle-orm'
import type { ConsentRecord } from '../db/rows'
import { consents } from '../db/schema-sqlite'
import type { ConsentFilter, RecordStore } from '../db/store'
import { advertisingEffective, recordView } from './consent-record'

/** Stored but not exported: the store's own sequence, the delivery key, and the erasure salt and digest. */
const NOT_EXPORTED = new Set<string>(['seq', 'idempotencyKey', 'salt', 'personalDigest'])

const LEADING = ['id', 'receivedAt'] as const

/**
 * Derived, not stored: the advertising category as it took effect after the US opt-outs, beside `advertising` (the
 * category as picked), so a `dns_link` record never reads as "ads granted". Each opt-out has its own column (US-02).
 */
type CsvColumn = keyof ConsentRecord | 'advertisingEffective'

/** The CSV columns: which record and when first, then every other column of the consents table in schema order. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  ...LEADING,
  ...(Object.keys(getTableColumns(consents)) as (keyof ConsentRecord)[])
    .filter((key) => !NOT_EXPORTED.has(key) && !(LEADING as readonly string[]).includes(key))
    .flatMap((key): CsvColumn[] => (key === 'advertising' ? [key, 'advertisingEffective'] : [key])),
]

/** Pull-driven: a page is read only when the client has taken the previous one, so rows never pile up. */
export function exportStream(store: RecordStore, siteId: string, filter: ConsentFilter, format: 'csv' | 'ndjson'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let after = 0
  let done = false
  let header = format === 'csv'
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (header) {
        header = false
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(',')}\r\n`))
        return
      }
      if (done) return controller.close()
      const page = await store.queryConsents(siteId, filter, after, 1000)
      if (page.length < 1000) done = true
      if (page.length === 0) return controller.close()
      after = page.at(-1)!.seq
      let chunk = ''
      for (const r of page) chunk += format === 'csv' ? csvRow(r) : `${JSON.stringify(recordView(r))}\n`
      controller.enqueue(encoder.encode(chunk))
    },
  })
}

function csvRow(r: ConsentRecord): string {
  return `${CSV_COLUMNS.map((k) => csvCell(k === 'advertisingEffective' ? advertisingEffective(r) : r[k])).join(',')}\r\n`
}

/** RFC 4180 quoting, plus a leading `'` on cells a spreadsheet would run as a formula. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
