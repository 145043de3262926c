// Publish: what changed since the published version, whether visitors will be asked again, and the button.
import type { SiteConfig } from '@consentry/shared'
import { useState } from 'preact/hooks'
import { api, ApiFailure } from '../api'
import { diffConfig, repromptVerdict, showValue } from '../config/diff'
import type { Draft } from '../config/use-draft'
import { href } from '../router'
import type { ConfigVersion, Site } from '../types'
import { Notice } from '../ui/fields'

export function PublishTab(props: { site: Site; draft: Draft; published: SiteConfig | null; onPublished: () => void }) {
  const { draft, published, site } = props
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string }>()
  const [busy, setBusy] = useState(false)
  if (!draft.value) return <p>Loading…</p>
  if (draft.checking) return <p aria-live="polite">Checking the draft…</p>
  if (!draft.checked) {
    return (
      <>
        {result && <Notice kind={result.kind}>{result.text}</Notice>}
        <Notice kind="error">
          The draft has {draft.issueList.length} issue(s); <a href={href.site(site.id, 'configuration')}>fix them in the editor</a> first.
        </Notice>
      </>
    )
  }
  const changes = published ? diffConfig(published, draft.checked) : []
  const verdict = repromptVerdict(published, draft.checked)
  return (
    <div class="publish">
      {result && <Notice kind={result.kind}>{result.text}</Notice>}
      {published && changes.length === 0 ? (
        <p>Nothing changed since the published version.</p>
      ) : (
        <>
          <h3>{published ? `Changes since the published version (${changes.length})` : 'First publication'}</h3>
          {published && (
            <ul class="diff">
              {changes.map((c) => (
                <li key={c.where} class={c.kind}>
                  <span class="kind">{c.kind === 'added' ? 'Added' : c.kind === 'removed' ? 'Removed' : 'Changed'}</span> <code>{c.where}</code>
                  {c.kind === 'changed' && (
                    <>
                      : {showValue(c.before)} → {showValue(c.after)}
                    </>
                  )}
                  {c.kind === 'added' && <>: {showValue(c.after)}</>}
                </li>
              ))}
            </ul>
          )}
          <div class={`verdict ${verdict.askedAgain ? 'asked' : 'kept'}`}>
            <h3>{verdict.askedAgain ? 'Visitors will be asked again' : 'Visitors will not be asked again'}</h3>
            <ul>
              {verdict.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              setBusy(true)
              try {
                const v = await api<ConfigVersion>('POST', `/v1/admin/sites/${site.id}/config-versions`, draft.value)
                setResult({ kind: 'ok', text: `Published version ${v.version} (${v.id}). Visitors get it within seconds.` })
                props.onPublished()
              } catch (e) {
                setResult({
                  kind: 'error',
                  text: e instanceof ApiFailure ? `${e.message} ${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : String(e),
                })
              } finally {
                setBusy(false)
              }
            }}
          >
            Publish
          </button>
        </>
      )}
    </div>
  )
}
