// A site record's editable fields (name, allowed origins, retention): creating a site and its settings tab show the same.
import { useState } from 'preact/hooks'
import { NumberField, TextField } from './fields'
import { linesOf } from './forms'

export interface SiteRecordInput {
  name: string
  allowedOrigins: readonly string[]
  retentionDays: number | null
}

/** The three fields, their state, and the request body they make (`PATCH` or `POST /v1/admin/sites`). */
export function useSiteRecord(initial: SiteRecordInput) {
  const [name, setName] = useState(initial.name)
  const [origins, setOrigins] = useState(initial.allowedOrigins.join('\n'))
  const [retention, setRetention] = useState<number | undefined>(initial.retentionDays ?? undefined)
  const body = () => ({ name, allowedOrigins: linesOf(origins), retentionDays: retention ?? null })
  const fields = (
    <>
      <TextField label="Name" path="name" value={name} onInput={setName} required />
      <TextField
        label="Allowed origins"
        path="allowedOrigins"
        multiline
        value={origins}
        onInput={setOrigins}
        hint="One per line, e.g. https://www.example.com: pages there may load the banner and record consent."
      />
      <NumberField
        label="Retention (days)"
        path="retentionDays"
        value={retention}
        onInput={setRetention}
        min={1}
        hint="Records older than this are purged. Leave empty to keep them until erased."
      />
    </>
  )
  return { body, fields }
}
