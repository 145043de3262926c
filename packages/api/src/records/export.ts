import type { ConsentFilter, RecordStore } from '../db/store'
import { advertisingEffective, recordView } from './consent-record'

// `advertising` is the category as picked; `advertisingEffective` what took effect after the US opt-outs, so a
// `dns_link` record never reads as "ads granted". Each opt-out has its own column (US-02).
const CSV_COLUMNS = [
  'id', 'receivedAt', 'siteId', 'visitorId', 'externalUserId', 'method', 'functional', 'analytics', 'advertising', 'advertisingEffective',
  'services', 'doNotSell', 'optOutSharing', 'optOutTargetedAds', 'limitSensitiveData', 'optOutProfiling', 'saleFree', 'gpc', 'secGpc', 'policyRevision', 'configVersionId', 'configHash', 'locale', 'jurisdiction', 'bannerVersion',
  'pageUrl', 'decidedAt', 'gppString', 'ip', 'userAgent', 'prevHash', 'hash', 'erasedAt',
] as const

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

function csvRow(r: Parameters<typeof recordView>[0]): string {
  return `${CSV_COLUMNS.map((k) => csvCell(k === 'advertisingEffective' ? advertisingEffective(r) : r[k])).join(',')}\r\n`
}

/** RFC 4180 quoting, plus a leading `'` on cells a spreadsheet would run as a formula. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
