// Services and the cookies and storage keys each sets: what the preferences center and the declaration list.
import { CATEGORIES } from '@consentry/shared'
import { CheckboxField, NumberField, SelectField, TextField } from '../ui/fields'
import { getAt, setAt } from './paths'
import { binder, type SectionProps } from './sections'

type Json = Record<string, unknown>

const newService = (n: number): Json => ({ id: `service-${n}`, name: '', provider: '', category: 'analytics', purpose: '', privacyPolicyUrl: '', storage: [] })
const newItem = (): Json => ({ name: '', kind: 'cookie', lifetime: 'session', party: 'first', description: '' })

export function ServicesSection(props: SectionProps) {
  const services = (getAt(props.value, ['services']) as Json[] | undefined) ?? []
  const set = (next: Json[]) => props.onChange(setAt(props.value, ['services'], next))
  return (
    <fieldset>
      <legend>Services and cookies</legend>
      {services.length === 0 && <p class="hint">No services yet. Add each tool that sets cookies or storage on the site.</p>}
      {services.map((_, i) => (
        <ServiceEditor key={i} index={i} {...props} onRemove={() => set(services.filter((__, j) => j !== i))} />
      ))}
      <button type="button" class="secondary" onClick={() => set([...services, newService(services.length + 1)])}>
        Add a service
      </button>
    </fieldset>
  )
}

function ServiceEditor(props: SectionProps & { index: number; onRemove: () => void }) {
  const b = binder(props)
  const at = (k: string) => ['services', props.index, k]
  const service = getAt(props.value, ['services', props.index]) as Json
  const storage = (service.storage as Json[] | undefined) ?? []
  const title = (service.name as string) || `Service ${props.index + 1}`
  return (
    <fieldset class="service">
      <legend>{title}</legend>
      <div class="grid">
        <TextField label="Service id" {...b.text(at('id'))} hint="Used in markup: data-consentry-service." />
        <TextField label="Name" {...b.text(at('name'))} />
        <TextField label="Provider" {...b.text(at('provider'))} />
        <SelectField label="Category" {...b.pick(at('category'), 'analytics')} options={CATEGORIES} />
        <TextField label="Privacy policy URL" type="url" {...b.text(at('privacyPolicyUrl'))} />
      </div>
      <TextField label="Purpose" multiline {...b.text(at('purpose'))} />
      {service.category === 'essential' && <TextField label="Why it is strictly necessary" multiline {...b.text(at('justification'))} />}
      <h3 class="subhead">Cookies and storage keys of {title}</h3>
      {storage.map((_, j) => (
        <StorageEditor
          key={j}
          {...props}
          path={['services', props.index, 'storage', j]}
          owner={title}
          onRemove={() =>
            props.onChange(
              setAt(
                props.value,
                ['services', props.index, 'storage'],
                storage.filter((__, k) => k !== j),
              ),
            )
          }
        />
      ))}
      <div class="row">
        <button
          type="button"
          class="secondary"
          onClick={() => props.onChange(setAt(props.value, ['services', props.index, 'storage'], [...storage, newItem()]))}
        >
          Add a cookie to {title}
        </button>
        <button type="button" class="danger" onClick={props.onRemove}>
          Remove {title}
        </button>
      </div>
    </fieldset>
  )
}

function StorageEditor(props: SectionProps & { path: (string | number)[]; owner: string; onRemove: () => void }) {
  const b = binder(props)
  const at = (k: string) => [...props.path, k]
  const lifetime = getAt(props.value, at('lifetime'))
  const name = (getAt(props.value, at('name')) as string) || 'new cookie'
  return (
    // biome-ignore lint/a11y/useSemanticElements: a grid row of fields, named for screen readers; a fieldset would break the grid
    <div class="storage-item grid" role="group" aria-label={`${props.owner}: ${name}`}>
      <TextField label="Name" {...b.text(at('name'))} />
      <SelectField
        label="Match"
        {...b.pick(at('match'), 'exact')}
        options={[
          ['exact', 'This name exactly'],
          ['prefix', 'Every name starting with it'],
        ]}
      />
      <SelectField label="Kind" {...b.pick(at('kind'), 'cookie')} options={['cookie', 'local_storage', 'session_storage'] as const} />
      <SelectField label="Party" {...b.pick(at('party'), 'first')} options={['first', 'third'] as const} />
      <NumberField
        label="Lifetime (seconds)"
        path={at('lifetime').join('.')}
        min={1}
        value={typeof lifetime === 'number' ? lifetime : undefined}
        onInput={(v) => props.onChange(setAt(props.value, at('lifetime'), v ?? 'session'))}
        hint="Empty for a session cookie."
      />
      <TextField label="Domain" placeholder="the page's host" {...b.text(at('domain'))} />
      <TextField label="Description" {...b.text(at('description'))} />
      <CheckboxField label="HttpOnly (script cannot delete it)" {...b.bool(at('httpOnly'), false)} />
      <button type="button" class="danger small" onClick={props.onRemove}>
        Remove {name}
      </button>
    </div>
  )
}
