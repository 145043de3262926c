// Form fields with a visible label and the API's message for the field beside it (aria-describedby, aria-invalid).
import type { ComponentChildren } from 'preact'
import { createContext } from 'preact'
import { useContext, useId } from 'preact/hooks'

/** Issues by dotted path (`services.0.name`), from the API's config check or a refused request. */
export const IssuesContext = createContext<Map<string, string>>(new Map())

function useIssue(path: string | undefined): string | undefined {
  const issues = useContext(IssuesContext)
  return path === undefined ? undefined : issues.get(path)
}

interface FieldProps {
  label: string
  /** The configuration path whose API issue is shown here. */
  path?: string
  hint?: string
  error?: string
}

/** A field's hint and its issue, with the ids `describedBy` points at. */
function FieldNotes(props: { id: string; hint?: string | undefined; issue?: string | undefined }) {
  return (
    <>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.issue && (
        <p class="issue" id={`${props.id}-issue`}>
          {props.issue}
        </p>
      )}
    </>
  )
}

function FieldFrame(props: FieldProps & { id: string; children: ComponentChildren; issue: string | undefined }) {
  return (
    <div class={`field${props.issue ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      <FieldNotes id={props.id} hint={props.hint} issue={props.issue} />
    </div>
  )
}

const describedBy = (id: string, hint?: string, issue?: string) => [hint && `${id}-hint`, issue && `${id}-issue`].filter(Boolean).join(' ') || undefined

export function TextField(
  props: FieldProps & {
    value: string
    onInput: (v: string) => void
    placeholder?: string
    type?: string
    multiline?: boolean
    required?: boolean
    autoComplete?: string
  },
) {
  const id = useId()
  const fromApi = useIssue(props.path)
  const issue = props.error ?? fromApi
  const common = {
    id,
    value: props.value,
    placeholder: props.placeholder,
    required: props.required,
    'aria-invalid': issue ? true : undefined,
    'aria-describedby': describedBy(id, props.hint, issue),
  }
  return (
    <FieldFrame {...props} id={id} issue={issue}>
      {props.multiline ? (
        <textarea {...common} rows={3} onInput={(e) => props.onInput(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type={(props.type ?? 'text') as 'text'}
          autoComplete={props.autoComplete ?? 'off'}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </FieldFrame>
  )
}

export function NumberField(props: FieldProps & { value: number | undefined; onInput: (v: number | undefined) => void; min?: number; max?: number }) {
  const id = useId()
  const fromApi = useIssue(props.path)
  const issue = props.error ?? fromApi
  return (
    <FieldFrame {...props} id={id} issue={issue}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={props.value ?? ''}
        min={props.min}
        max={props.max}
        aria-invalid={issue ? true : undefined}
        aria-describedby={describedBy(id, props.hint, issue)}
        onInput={(e) => {
          const raw = e.currentTarget.value
          props.onInput(raw === '' ? undefined : Number(raw))
        }}
      />
    </FieldFrame>
  )
}

export function SelectField<T extends string>(props: FieldProps & { value: T; options: readonly (T | readonly [T, string])[]; onChange: (v: T) => void }) {
  const id = useId()
  const fromApi = useIssue(props.path)
  const issue = props.error ?? fromApi
  return (
    <FieldFrame {...props} id={id} issue={issue}>
      <select
        id={id}
        value={props.value}
        aria-invalid={issue ? true : undefined}
        aria-describedby={describedBy(id, props.hint, issue)}
        onChange={(e) => props.onChange(e.currentTarget.value as T)}
      >
        {props.options.map((o) => {
          const [value, label] = typeof o === 'string' ? [o, o] : o
          return (
            <option key={value} value={value}>
              {label}
            </option>
          )
        })}
      </select>
    </FieldFrame>
  )
}

export function CheckboxField(props: FieldProps & { checked: boolean; onChange: (v: boolean) => void; disabled?: boolean }) {
  const id = useId()
  const fromApi = useIssue(props.path)
  const issue = props.error ?? fromApi
  return (
    <div class={`field checkbox${issue ? ' invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={describedBy(id, props.hint, issue)}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      <FieldNotes id={id} hint={props.hint} issue={issue} />
    </div>
  )
}

/** A named set of radio buttons (a fieldset and its legend), for a choice whose options need words. */
export function ChoiceField<T extends string>(props: FieldProps & { value: T; options: readonly (readonly [T, string])[]; onChange: (v: T) => void }) {
  const id = useId()
  const fromApi = useIssue(props.path)
  const issue = props.error ?? fromApi
  return (
    <fieldset class={`field choice${issue ? ' invalid' : ''}`} aria-describedby={describedBy(id, props.hint, issue)}>
      <legend>{props.label}</legend>
      {props.options.map(([value, label]) => (
        <label key={value} class="choice-option">
          <input type="radio" name={id} value={value} checked={props.value === value} onChange={() => props.onChange(value)} />
          {label}
        </label>
      ))}
      <FieldNotes id={id} hint={props.hint} issue={issue} />
    </fieldset>
  )
}

/** A polite status line, or an alert for failures. */
export function Notice(props: { kind?: 'ok' | 'error' | 'info'; children: ComponentChildren }) {
  const kind = props.kind ?? 'info'
  return (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  )
}

/** Copies text to the clipboard, saying so. */
export function CopyButton(props: { text: string; label: string }) {
  return (
    <button
      type="button"
      class="secondary"
      onClick={async (e) => {
        const button = e.currentTarget
        await navigator.clipboard?.writeText(props.text).catch(() => undefined)
        button.textContent = 'Copied'
        setTimeout(() => (button.textContent = props.label), 1500)
      }}
    >
      {props.label}
    </button>
  )
}
