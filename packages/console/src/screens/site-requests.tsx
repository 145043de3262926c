// Data subject requests: look up a visitor or a user, export their records, erase them (with a confirmation step).
import { useState } from 'preact/hooks'
import { api, ApiFailure } from '../api'
import type { ConsentRecordView, Site } from '../types'
import { IssuesContext, Notice, SelectField, TextField } from '../ui/fields'
import { download, issueMap, when } from '../ui/forms'

type Kind = 'visitorId' | 'externalUserId'

export function RequestsTab(props: { site: Site }) {
  const { site } = props
  const [kind, setKind] = useState<Kind>('visitorId')
  const [id, setId] = useState('')
  const [found, setFound] = useState<{ subject: Record<string, string>; records: ConsentRecordView[] }>()
  const [failure, setFailure] = useState<ApiFailure>()
  const [confirming, setConfirming] = useState(false)
  const [typed, setTyped] = useState('')
  const [erased, setErased] = useState<number>()
  const subject = () => ({ [kind]: id.trim() })

  return (
    <div class="requests">
      <form
        class="grid"
        aria-label="Find a data subject"
        onSubmit={async (e) => {
          e.preventDefault()
          setFailure(undefined)
          setErased(undefined)
          setConfirming(false)
          try {
            setFound(await api('POST', `/v1/admin/sites/${site.id}/subjects/export`, subject()))
          } catch (err) {
            if (err instanceof ApiFailure) setFailure(err)
            setFound(undefined)
          }
        }}
      >
        <IssuesContext.Provider value={issueMap(failure?.issues ?? [])}>
          <SelectField
            label="Look up by"
            value={kind}
            options={
              [
                ['visitorId', 'Visitor id (from the consent cookie)'],
                ['externalUserId', 'External user id (your own user id)'],
              ] as const
            }
            onChange={setKind}
          />
          <TextField label={kind === 'visitorId' ? 'Visitor id' : 'External user id'} path={kind} value={id} onInput={setId} required />
        </IssuesContext.Provider>
        <div class="row">
          <button type="submit">Look up</button>
        </div>
      </form>
      {failure && failure.issues.length === 0 && <Notice kind="error">{failure.message}</Notice>}
      {erased !== undefined && (
        <Notice kind="ok">
          Erased {erased} record{erased === 1 ? '' : 's'}: personal fields removed, the chain still verifies.
        </Notice>
      )}
      {found && (
        <section aria-labelledby="subject-title">
          <h3 id="subject-title">
            {found.records.length} record{found.records.length === 1 ? '' : 's'} for this subject
          </h3>
          {found.records.length > 0 && (
            <ul class="plain">
              {found.records.map((r) => (
                <li key={r.id}>
                  {when(r.receivedAt)}: {r.method} ({r.jurisdiction}){r.erasedAt ? ', erased' : ''}
                </li>
              ))}
            </ul>
          )}
          <div class="row">
            <button type="button" class="secondary" onClick={() => download(`${site.id}-subject-export.json`, JSON.stringify(found, null, 2))}>
              Download export (JSON)
            </button>
            {found.records.some((r) => !r.erasedAt) && !confirming && (
              <button type="button" class="danger" onClick={() => setConfirming(true)}>
                Erase…
              </button>
            )}
          </div>
          {confirming && (
            <form
              class="card danger-zone"
              aria-label="Confirm erasure"
              onSubmit={async (e) => {
                e.preventDefault()
                const res = await api<{ erased: number }>('POST', `/v1/admin/sites/${site.id}/subjects/erase`, subject())
                setErased(res.erased)
                setConfirming(false)
                setTyped('')
                setFound(await api('POST', `/v1/admin/sites/${site.id}/subjects/export`, subject()))
              }}
            >
              <p>
                Erasing removes the visitor id, user id, page, IP, user agent and GPP string from {found.records.filter((r) => !r.erasedAt).length} record(s).
                The decisions and the chain stay. This cannot be undone.
              </p>
              <TextField label="Type erase to confirm" value={typed} onInput={setTyped} />
              <div class="row">
                <button type="submit" class="danger" disabled={typed.trim().toLowerCase() !== 'erase'}>
                  Erase records
                </button>
                <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </section>
      )}
    </div>
  )
}
