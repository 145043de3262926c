// API keys: list, create (the secret shown once, scoped to sites or all), revoke.
import { useEffect, useState } from 'preact/hooks'
import { api, ApiFailure } from '../api'
import type { ApiKeyView, SessionInfo, Site } from '../types'
import { CheckboxField, CopyButton, IssuesContext, Notice, TextField } from '../ui/fields'
import { issueMap, when } from '../ui/forms'

export function KeysScreen(props: { session: SessionInfo }) {
  const [keys, setKeys] = useState<ApiKeyView[]>()
  const [sites, setSites] = useState<Site[]>([])
  const [error, setError] = useState<string>()
  const [created, setCreated] = useState<{ id: string; key: string; label: string }>()
  const load = () =>
    api<{ keys: ApiKeyView[] }>('GET', '/v1/admin/keys').then(
      (r) => setKeys(r.keys),
      (e: Error) => setError(e.message),
    )
  useEffect(() => {
    void load()
    api<{ sites: Site[] }>('GET', '/v1/admin/sites').then(
      (r) => setSites(r.sites),
      () => undefined,
    )
  }, [])
  if (props.session.siteIds !== null) return <Notice>Only an all-sites key may list and create keys. This session’s key is scoped to some sites.</Notice>
  return (
    <section>
      <h1>API keys</h1>
      {error && <Notice kind="error">{error}</Notice>}
      {created && (
        <div class="card secret" role="status">
          <p>
            Key <strong>{created.label}</strong> created. Copy its secret now: it is shown once and cannot be recovered.
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useAriaPropsSupportedByRole: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable), and named */}
          <pre tabIndex={0} aria-label="New key secret">
            <code>{created.key}</code>
          </pre>
          <CopyButton text={created.key} label="Copy secret" />
        </div>
      )}
      {keys && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Scope</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>
                    {k.label} {k.current && <em>(this session)</em>}
                  </td>
                  <td>{k.siteIds === null ? 'All sites' : k.siteIds.map((id) => sites.find((s) => s.id === id)?.name ?? id).join(', ')}</td>
                  <td>{when(k.createdAt)}</td>
                  <td>{k.revokedAt ? `Revoked ${when(k.revokedAt)}` : 'Active'}</td>
                  <td>
                    {!k.revokedAt && (
                      <button
                        type="button"
                        class="danger small"
                        onClick={async () => {
                          if (!confirm(`Revoke “${k.label}”? Scripts and sessions using it stop working at once.`)) return
                          await api('DELETE', `/v1/admin/keys/${k.id}`).catch((e: Error) => setError(e.message))
                          void load()
                        }}
                      >
                        Revoke <span class="visually-hidden">{k.label}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateKey
        sites={sites}
        onCreated={(k) => {
          setCreated(k)
          void load()
        }}
      />
    </section>
  )
}

function CreateKey(props: { sites: Site[]; onCreated: (k: { id: string; key: string; label: string }) => void }) {
  const [label, setLabel] = useState('')
  const [all, setAll] = useState(false)
  const [picked, setPicked] = useState<string[]>([])
  const [failure, setFailure] = useState<ApiFailure>()
  return (
    <form
      class="card"
      aria-labelledby="create-key-title"
      onSubmit={async (e) => {
        e.preventDefault()
        setFailure(undefined)
        try {
          props.onCreated(await api('POST', '/v1/admin/keys', { label, ...(all ? {} : { siteIds: picked }) }))
          setLabel('')
        } catch (err) {
          if (err instanceof ApiFailure) setFailure(err)
        }
      }}
    >
      <h2 id="create-key-title">Create a key</h2>
      <IssuesContext.Provider value={issueMap(failure?.issues ?? [])}>
        <TextField label="Label" path="label" value={label} onInput={setLabel} required hint="Who or what uses it, e.g. “CI export job”." />
        <fieldset>
          <legend>Scope</legend>
          <CheckboxField label="All sites (may create sites and keys)" checked={all} onChange={setAll} />
          {!all &&
            props.sites.map((s, i) => (
              <CheckboxField
                key={s.id}
                label={s.name}
                path={i === 0 ? 'siteIds' : undefined}
                checked={picked.includes(s.id)}
                onChange={(on) => setPicked(on ? [...picked, s.id] : picked.filter((p) => p !== s.id))}
              />
            ))}
        </fieldset>
      </IssuesContext.Provider>
      {failure && failure.issues.length === 0 && <Notice kind="error">{failure.message}</Notice>}
      <button type="submit">Create key</button>
    </form>
  )
}
