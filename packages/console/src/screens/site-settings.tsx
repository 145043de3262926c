// A site's record: name, allowed origins, retention; and deletion (refused while records are kept).
import { useState } from 'preact/hooks'
import { api, ApiFailure } from '../api'
import { href } from '../router'
import type { SessionInfo, Site } from '../types'
import { IssuesContext, Notice, TextField } from '../ui/fields'
import { issueMap } from '../ui/forms'
import { useSiteRecord } from '../ui/site-record'

export function SettingsTab(props: { site: Site; session: SessionInfo; onChanged: (s: Site) => void }) {
  const { site } = props
  const record = useSiteRecord(site)
  const [failure, setFailure] = useState<ApiFailure>()
  const [saved, setSaved] = useState(false)
  return (
    <div class="settings">
      <form
        class="card"
        aria-label="Site settings"
        onSubmit={async (e) => {
          e.preventDefault()
          setSaved(false)
          setFailure(undefined)
          try {
            props.onChanged(await api<Site>('PATCH', `/v1/admin/sites/${site.id}`, record.body()))
            setSaved(true)
          } catch (err) {
            if (err instanceof ApiFailure) setFailure(err)
          }
        }}
      >
        <IssuesContext.Provider value={issueMap(failure?.issues ?? [])}>{record.fields}</IssuesContext.Provider>
        {failure && failure.issues.length === 0 && <Notice kind="error">{failure.message}</Notice>}
        {saved && <Notice kind="ok">Saved.</Notice>}
        <button type="submit">Save settings</button>
      </form>
      {props.session.siteIds === null && <DeleteSite site={site} />}
    </div>
  )
}

function DeleteSite(props: { site: Site }) {
  const [typed, setTyped] = useState('')
  const [failure, setFailure] = useState<ApiFailure>()
  return (
    <form
      class="card danger-zone"
      aria-labelledby="delete-site-title"
      onSubmit={async (e) => {
        e.preventDefault()
        setFailure(undefined)
        try {
          await api('DELETE', `/v1/admin/sites/${props.site.id}`, { confirm: typed.trim() })
          location.hash = href.sites()
        } catch (err) {
          if (err instanceof ApiFailure) setFailure(err)
        }
      }}
    >
      <h3 id="delete-site-title">Delete this site</h3>
      <p>
        Deleting removes the site and its configuration versions. Consent records are proof and are kept until their retention ends: a site that still holds
        records is not deleted (set a retention, and delete it once they have expired).
      </p>
      <TextField
        label={`Type the site id (${props.site.id}) to confirm`}
        path="confirm"
        value={typed}
        onInput={setTyped}
        error={failure?.issues.find((i) => i.path === 'confirm')?.message}
      />
      {failure && failure.code !== 'invalid_input' && (
        <Notice kind="error">
          {failure.message}
          {failure.code === 'site_has_records' &&
            ` (${(failure.details as { records: number }).records} records; ${(failure.details as { hint: string }).hint})`}
        </Notice>
      )}
      <button type="submit" class="danger" disabled={typed.trim() !== props.site.id}>
        Delete site
      </button>
    </form>
  )
}
