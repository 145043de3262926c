// Scans: the cookie scanner's jobs for this site (issue 19), the findings of one, and adopting its proposed
// declaration as a new configuration version. Shapes: docs/scanner.md ("Through the admin API").
import { useEffect, useState } from 'preact/hooks'
import { api, ApiFailure } from '../api'
import type { ConfigVersion, Site } from '../types'
import { Notice } from '../ui/fields'

interface ScanSummary {
  id: string
  status: 'queued' | 'running' | 'done' | 'failed'
  url: string
  findings: number | null
  error: string | null
  createdAt: number
}
/** The parts of the scanner's result (`scanResultSchema` of @consentry/scanner) this tab shows. */
interface ScanDetail extends ScanSummary {
  result: {
    pages: { url: string }[]
    passes: string[]
    findings: { kind: string; key: string; subject: { type: string; name: string }; category: string | null; page: string | null; message: string }[]
    proposed: {
      config: Record<string, unknown>
      added: { serviceId: string; item: string; kind: string; source: string }[]
      unclassified: { kind: string; name: string }[]
    }
  } | null
}

const KIND_LABEL: Record<string, string> = {
  before_consent: 'Before consent',
  after_reject: 'After Reject all',
  essential_but_tracking: 'Essential, known as tracking',
  undeclared: 'Not declared',
  declared_not_seen: 'Declared, never seen',
}

export function ScansTab(props: { site: Site }) {
  const { site } = props
  const [scans, setScans] = useState<ScanSummary[] | null>(null)
  const [open, setOpen] = useState<ScanDetail | null>(null)
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>()
  const base = `/v1/admin/sites/${site.id}/scans`
  const failed = (e: unknown) =>
    setNotice({ kind: 'error', text: e instanceof ApiFailure ? `${e.message} ${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : String(e) })
  const load = () => api<{ scans: ScanSummary[] }>('GET', base).then((r) => setScans(r.scans), failed)

  useEffect(() => void load(), [site.id])
  // While a scan is queued or running, look again every two seconds.
  const pending = scans?.some((s) => s.status === 'queued' || s.status === 'running')
  useEffect(() => {
    if (!pending) return
    const t = setInterval(() => void load(), 2000)
    return () => clearInterval(t)
  }, [pending])

  const show = (id: string) => api<ScanDetail>('GET', `${base}/${id}`).then(setOpen, failed)
  const adopt = async (detail: ScanDetail) => {
    try {
      const v = await api<ConfigVersion>('POST', `/v1/admin/sites/${site.id}/config-versions`, detail.result!.proposed.config)
      setNotice({ kind: 'ok', text: `Adopted: published version ${v.version} (${v.id}) with the proposed declaration.` })
    } catch (e) {
      failed(e)
    }
  }

  return (
    <div class="scans" data-scans-site={site.id}>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <p>
        A scan visits up to 20 of the site’s pages in headless Chromium three times — before any choice, after Reject all, after Accept all — and reports what
        was set or sent too early, what is not declared, and a proposed declaration.
      </p>
      <button type="button" disabled={site.allowedOrigins.length === 0} onClick={() => api('POST', base, {}).then(() => load(), failed)}>
        Scan now
      </button>
      {site.allowedOrigins.length === 0 && <p class="hint">Add an allowed origin in Settings first: scans only visit the site’s own pages.</p>}
      {scans === null ? (
        <p>Loading…</p>
      ) : scans.length === 0 ? (
        <p>No scans yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Page</th>
                <th scope="col">Status</th>
                <th scope="col">Findings</th>
              </tr>
            </thead>
            <tbody>
              {scans.map((s) => (
                <tr key={s.id}>
                  <td>{new Date(s.createdAt).toLocaleString()}</td>
                  <td>{s.url}</td>
                  <td>{s.status === 'failed' ? `failed: ${s.error ?? ''}` : s.status}</td>
                  <td>
                    {s.status === 'done' ? (
                      <button type="button" class="link" onClick={() => void show(s.id)}>
                        {s.findings} — show
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open?.result && (
        <section aria-label="Scan result" class="scan-result">
          <h3>
            Scan of {open.result.pages.length} page(s), passes: {open.result.passes.join(', ')}
          </h3>
          {open.result.findings.length === 0 ? (
            <p>No findings.</p>
          ) : (
            <ul class="findings">
              {open.result.findings.map((f) => (
                <li key={f.key} data-kind={f.kind}>
                  <strong>{KIND_LABEL[f.kind] ?? f.kind}</strong>: {f.message}
                </li>
              ))}
            </ul>
          )}
          <h3>Proposed declaration</h3>
          {open.result.proposed.added.length === 0 ? (
            <p>Nothing to add.</p>
          ) : (
            <>
              <ul>
                {open.result.proposed.added.map((a) => (
                  <li key={`${a.serviceId}:${a.kind}:${a.item}`}>
                    {a.kind} <code>{a.item}</code> → service <code>{a.serviceId}</code> ({a.source === 'catalogue' ? 'our catalogue' : 'Open Cookie Database'})
                  </li>
                ))}
              </ul>
              {site.publishedVersionId ? (
                <button type="button" onClick={() => void adopt(open)}>
                  Adopt proposed declaration
                </button>
              ) : (
                <p class="hint">Publish a configuration first; the proposal is merged into the published one.</p>
              )}
            </>
          )}
          {open.result.proposed.unclassified.length > 0 && (
            <p>
              Unclassified (describe these yourself in the configuration):{' '}
              {open.result.proposed.unclassified.map((u) => (
                <code key={`${u.kind}:${u.name}`}>{u.name} </code>
              ))}
            </p>
          )}
        </section>
      )}
    </div>
  )
}
