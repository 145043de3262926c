// The consent log: filters, pages, a record's details (receipt, signature check, chain position), exports, and the
// chain's verification status.
import { CONSENT_METHODS } from '@consentry/shared'
import { useEffect, useState } from 'preact/hooks'
import { api, queryString } from '../api'
import type { ConsentRecordView, Site } from '../types'
import { Notice, SelectField, TextField } from '../ui/fields'
import { when } from '../ui/forms'
import { RecordDetails, ReceiptChecker } from './site-log-record'

interface Filters {
  from: string
  to: string
  jurisdiction: string
  method: string
  visitorId: string
  externalUserId: string
}
const EMPTY: Filters = { from: '', to: '', jurisdiction: '', method: '', visitorId: '', externalUserId: '' }
const PAGE = 25

/** The filter as query parameters: dates as UTC midnight, `to` inclusive of its day. */
function toQuery(f: Filters): Record<string, string | number | undefined> {
  return {
    from: f.from ? Date.parse(`${f.from}T00:00:00Z`) : undefined,
    to: f.to ? Date.parse(`${f.to}T00:00:00Z`) + 86_400_000 : undefined,
    jurisdiction: f.jurisdiction.trim().toUpperCase() || undefined,
    method: f.method || undefined,
    visitorId: f.visitorId.trim() || undefined,
    externalUserId: f.externalUserId.trim() || undefined,
  }
}

export function LogTab(props: { site: Site }) {
  const { site } = props
  const [form, setForm] = useState<Filters>(EMPTY)
  const [applied, setApplied] = useState<Filters>(EMPTY)
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const [page, setPage] = useState<{ items: ConsentRecordView[]; nextCursor: string | null }>()
  const [error, setError] = useState<string>()
  const [open, setOpen] = useState<string>()
  const [chain, setChain] = useState<{ valid: boolean; checked: number; firstBroken: { id: string; reason: string } | null }>()

  useEffect(() => {
    api<typeof chain>('GET', `/v1/admin/sites/${site.id}/verify`).then(setChain, () => undefined)
  }, [site.id])
  const cursor = cursors.at(-1)
  useEffect(() => {
    // A slower answer to an earlier filter or page must not replace the current one.
    let current = true
    setError(undefined)
    setPage(undefined)
    api<{ items: ConsentRecordView[]; nextCursor: string | null }>(
      'GET',
      `/v1/admin/sites/${site.id}/consents${queryString({ ...toQuery(applied), cursor, limit: PAGE })}`,
    ).then(
      (p) => current && setPage(p),
      (e: Error) => current && setError(e.message),
    )
    return () => {
      current = false
    }
  }, [site.id, applied, cursor])

  const field = (k: keyof Filters) => ({ value: form[k], onInput: (v: string) => setForm({ ...form, [k]: v }) })
  const exportHref = (format: 'csv' | 'ndjson') => `/v1/admin/sites/${site.id}/consents/export${queryString({ ...toQuery(applied), format })}`
  return (
    <div class="log">
      {chain && (
        <Notice kind={chain.valid ? 'ok' : 'error'}>
          {chain.valid
            ? `Hash chain verified: all ${chain.checked} records link up.`
            : `Hash chain broken at record ${chain.firstBroken?.id} (${chain.firstBroken?.reason}).`}
        </Notice>
      )}
      <form
        class="filters grid"
        aria-label="Filter the log"
        onSubmit={(e) => {
          e.preventDefault()
          setApplied(form)
          setCursors([undefined])
        }}
      >
        <TextField label="From (date)" type="date" {...field('from')} />
        <TextField label="To (date)" type="date" {...field('to')} />
        <TextField label="Jurisdiction" placeholder="DE, US-CA, ZZ" path="jurisdiction" {...field('jurisdiction')} />
        <SelectField
          label="Method"
          value={form.method}
          options={[['', 'Any'] as const, ...CONSENT_METHODS.map((m) => [m, m] as const)]}
          onChange={(v) => setForm({ ...form, method: v })}
        />
        <TextField label="Visitor id" {...field('visitorId')} />
        <TextField label="External user id" {...field('externalUserId')} />
        <div class="row">
          <button type="submit">Apply filters</button>
          <a class="button secondary" href={exportHref('csv')} download>
            Export CSV
          </a>
          <a class="button secondary" href={exportHref('ndjson')} download>
            Export NDJSON
          </a>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {page && page.items.length === 0 && <p>No records match.</p>}
      {page && page.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>
              Records {(cursors.length - 1) * PAGE + 1}–{(cursors.length - 1) * PAGE + page.items.length}
            </caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Method</th>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Granted</th>
                <th scope="col">Visitor</th>
                <th scope="col">Record</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id}>
                  <td>{when(r.receivedAt)}</td>
                  <td>{r.method}</td>
                  <td>{r.jurisdiction}</td>
                  <td>
                    {Object.entries(r.categories)
                      .filter(([, on]) => on)
                      .map(([c]) => c)
                      .join(', ')}
                  </td>
                  <td>{r.erasedAt ? <em>erased</em> : <code>{r.visitorId?.slice(0, 8) ?? '—'}</code>}</td>
                  <td>
                    <button type="button" class="link" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? undefined : r.id)}>
                      Details <span class="visually-hidden">of {r.id}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="row pager">
        <button type="button" class="secondary" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </button>
        <button type="button" class="secondary" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}>
          Next page
        </button>
      </div>
      {open && <RecordDetails siteId={site.id} recordId={open} />}
      <ReceiptChecker siteId={site.id} />
    </div>
  )
}
