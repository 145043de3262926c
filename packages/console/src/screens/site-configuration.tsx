// The configuration editor: a structured form (or the JSON itself), the API's verdict, and the live preview.
import { useState } from 'preact/hooks'
import { ServicesSection } from '../config/services-editor'
import {
  AppearanceSection,
  CategoriesSection,
  ConsentModeSection,
  ConsentSection,
  DataPracticesSection,
  GeneralSection,
  JurisdictionSection,
  RepresentativesSection,
} from '../config/sections'
import { TextsSection } from '../config/texts-editor'
import type { Draft } from '../config/use-draft'
import { PreviewPanel } from '../preview/preview-panel'
import type { Site } from '../types'
import { IssuesContext, Notice } from '../ui/fields'
import { href } from '../router'
import { download } from '../ui/forms'

export function ConfigurationTab(props: { site: Site; draft: Draft }) {
  const { draft, site } = props
  const [view, setView] = useState<'form' | 'json'>('form')
  if (!draft.value) return <p>Loading the configuration…</p>
  const value = draft.value
  return (
    <div class="editor-layout">
      <div class="editor">
        <div class="toolbar">
          {/* biome-ignore lint/a11y/useSemanticElements: a named pair of toggle buttons, not a form section */}
          <div role="group" aria-label="Editor view">
            <button type="button" class="secondary" aria-pressed={view === 'form'} onClick={() => setView('form')}>
              Form
            </button>
            <button type="button" class="secondary" aria-pressed={view === 'json'} onClick={() => setView('json')}>
              JSON
            </button>
          </div>
          <label class="button secondary file">
            Import JSON
            <input
              type="file"
              accept="application/json,.json"
              class="visually-hidden"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0]
                if (!file) return
                try {
                  draft.set({ ...(JSON.parse(await file.text()) as Record<string, unknown>), siteId: site.id })
                } catch {
                  alert('That file is not JSON.')
                }
              }}
            />
          </label>
          <button type="button" class="secondary" onClick={() => download(`${site.id}-config.json`, JSON.stringify(value, null, 2))}>
            Export JSON
          </button>
          {draft.dirty && (
            <button type="button" class="secondary" onClick={draft.reset}>
              Discard changes
            </button>
          )}
        </div>
        <CheckStatus draft={draft} siteId={site.id} />
        <IssuesContext.Provider value={draft.issues}>
          {view === 'form' ? (
            <form class="config-form" onSubmit={(e) => e.preventDefault()}>
              <GeneralSection value={value} onChange={draft.set} />
              <RepresentativesSection value={value} onChange={draft.set} />
              <CategoriesSection value={value} onChange={draft.set} />
              <ServicesSection value={value} onChange={draft.set} />
              <TextsSection value={value} onChange={draft.set} />
              <JurisdictionSection value={value} onChange={draft.set} />
              <DataPracticesSection value={value} onChange={draft.set} />
              <ConsentSection value={value} onChange={draft.set} />
              <AppearanceSection value={value} onChange={draft.set} />
              <ConsentModeSection value={value} onChange={draft.set} />
            </form>
          ) : (
            <JsonView value={value} onChange={draft.set} />
          )}
        </IssuesContext.Provider>
      </div>
      <PreviewPanel config={draft.checked ?? draft.lastValid} />
    </div>
  )
}

function CheckStatus(props: { draft: Draft; siteId: string }) {
  const { draft } = props
  if (draft.checking)
    return (
      <p class="check-status" aria-live="polite">
        Checking…
      </p>
    )
  if (draft.issueList.length === 0) {
    return (
      <Notice kind="ok">
        {draft.dirty ? (
          <>
            The API accepts this draft. <a href={href.site(props.siteId, 'publish')}>Review and publish</a>.
          </>
        ) : (
          'This is the published configuration.'
        )}
      </Notice>
    )
  }
  return (
    <div class="notice error" role="alert">
      <p>
        The API would refuse this draft ({draft.issueList.length} {draft.issueList.length === 1 ? 'issue' : 'issues'}):
      </p>
      <ul>
        {draft.issueList.map((i) => (
          <li key={i.path}>
            <code>{i.path}</code>: {i.message}
          </li>
        ))}
      </ul>
    </div>
  )
}

function JsonView(props: { value: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void }) {
  const [text, setText] = useState(() => JSON.stringify(props.value, null, 2))
  const [error, setError] = useState<string>()
  return (
    <div class="field">
      <label for="config-json">Configuration (JSON)</label>
      <textarea
        id="config-json"
        class="json"
        rows={30}
        spellcheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'config-json-issue' : undefined}
        onInput={(e) => {
          const next = e.currentTarget.value
          setText(next)
          try {
            const parsed = JSON.parse(next) as unknown
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('The configuration must be a JSON object.')
            setError(undefined)
            props.onChange(parsed as Record<string, unknown>)
          } catch (err) {
            setError((err as Error).message)
          }
        }}
      />
      {error && (
        <p class="issue" id="config-json-issue">
          {error}
        </p>
      )}
    </div>
  )
}
