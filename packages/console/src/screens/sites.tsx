import { useEffect, useState } from 'preact/hooks'
import { api, ApiFailure } from '../api'
import { href } from '../router'
import type { SessionInfo, Site } from '../types'
import { IssuesContext, Notice } from '../ui/fields'
import { issueMap } from '../ui/forms'
import { useSiteRecord } from '../ui/site-record'

/** Every site this key may see, and a form to create one (all-sites keys). */
export function SitesScreen(props: { session: SessionInfo }) {
  const [sites, setSites] = useState<Site[]>()
  const [error, setError] = useState<string>()
  const load = () =>
    api<{ sites: Site[] }>('GET', '/v1/admin/sites').then(
      (r) => setSites(r.sites),
      (e: Error) => setError(e.message),
    )
  useEffect(() => void load(), [])
  return (
    <section>
      <h1>Sites</h1>
      {error && <Notice kind="error">{error}</Notice>}
      {!sites && !error && <p>Loading sites…</p>}
      {sites && sites.length === 0 && <p>No sites yet.</p>}
      {sites && sites.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Sites</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Site id</th>
                <th scope="col">Published</th>
                <th scope="col">Allowed origins</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={href.site(s.id)}>{s.name}</a>
                  </td>
                  <td>
                    <code>{s.id}</code>
                  </td>
                  <td>{s.publishedVersionId ? 'Yes' : 'Not yet'}</td>
                  <td>{s.allowedOrigins.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.session.siteIds === null ? (
        <CreateSite onCreated={(s) => (location.hash = href.site(s.id))} />
      ) : (
        <p class="hint">
          This key is scoped to {props.session.siteIds.length === 1 ? 'one site' : `${props.session.siteIds.length} sites`}; only an all-sites key may create
          sites.
        </p>
      )}
    </section>
  )
}

function CreateSite(props: { onCreated: (s: Site) => void }) {
  const record = useSiteRecord({ name: '', allowedOrigins: [], retentionDays: 730 })
  const [failure, setFailure] = useState<ApiFailure>()
  return (
    <form
      class="card"
      aria-labelledby="create-site-title"
      onSubmit={async (e) => {
        e.preventDefault()
        try {
          props.onCreated(await api<Site>('POST', '/v1/admin/sites', record.body()))
        } catch (err) {
          if (err instanceof ApiFailure) setFailure(err)
        }
      }}
    >
      <h2 id="create-site-title">Create a site</h2>
      <IssuesContext.Provider value={issueMap(failure?.issues ?? [])}>{record.fields}</IssuesContext.Provider>
      {failure && failure.issues.length === 0 && <Notice kind="error">{failure.message}</Notice>}
      <button type="submit">Create site</button>
    </form>
  )
}
