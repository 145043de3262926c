// The configuration form's plain sections: general, representatives, categories, jurisdiction, data practices, consent,
// appearance, Consent Mode.
import { OPTIONAL_CATEGORIES, REGIMES } from '@consentry/shared'
import { CheckboxField, ChoiceField, NumberField, SelectField, TextField } from '../ui/fields'
import { dotted, getAt, setAt, withoutEmptyAt, type Path } from './paths'
import { RulesEditor } from './rules-editor'

export interface SectionProps {
  value: Record<string, unknown>
  onChange: (next: Record<string, unknown>) => void
}

/** Field bindings over one configuration value. */
export function binder({ value, onChange }: SectionProps) {
  return {
    text: (path: Path) => ({
      path: dotted(path),
      value: (getAt(value, path) as string | undefined) ?? '',
      onInput: (v: string) => onChange(setAt(value, path, v === '' ? undefined : v)),
    }),
    num: (path: Path) => ({
      path: dotted(path),
      value: getAt(value, path) as number | undefined,
      onInput: (v: number | undefined) => onChange(setAt(value, path, v)),
    }),
    bool: (path: Path, fallback: boolean) => ({
      path: dotted(path),
      checked: (getAt(value, path) as boolean | undefined) ?? fallback,
      onChange: (v: boolean) => onChange(setAt(value, path, v)),
    }),
    pick: (path: Path, fallback: string) => ({
      path: dotted(path),
      value: (getAt(value, path) as string | undefined) ?? fallback,
      onChange: (v: string) => onChange(setAt(value, path, v)),
    }),
  }
}

export function GeneralSection(props: SectionProps) {
  const b = binder(props)
  return (
    <fieldset>
      <legend>General</legend>
      <TextField label="Site name shown to visitors" {...b.text(['name'])} />
      <TextField label="Controller (who is responsible)" {...b.text(['controller', 'name'])} />
      <TextField label="Controller contact" {...b.text(['controller', 'contact'])} hint="An email address or postal address for privacy questions." />
      <TextField label="Privacy policy URL" type="url" {...b.text(['policy', 'url'])} />
      <NumberField label="Policy revision" min={1} {...b.num(['policy', 'revision'])} hint="Raise it to ask every visitor again." />
      <SelectField
        label="Default language"
        {...b.pick(['defaultLocale'], 'en')}
        options={['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'ar', 'he']}
      />
    </fieldset>
  )
}

/** GDPR Art. 27 representatives, by the key the configuration uses. */
const REPRESENTATIVES = [
  ['eu', 'EU'],
  ['uk', 'UK'],
] as const

export function RepresentativesSection(props: SectionProps) {
  const b = binder(props)
  /** A representative's field; one with neither a name nor a contact left is removed, not kept half-written. */
  const field = (key: string, name: 'name' | 'contact') => {
    const at = ['controller', 'representatives', key]
    const bound = b.text([...at, name])
    return { ...bound, onInput: (v: string) => props.onChange(withoutEmptyAt(setAt(props.value, [...at, name], v === '' ? undefined : v), at)) }
  }
  return (
    <fieldset>
      <legend>Representatives</legend>
      <p class="hint">
        Only for a controller established outside the EU or the UK (GDPR Art. 27): shown beside the controller in the preferences and the cookie declaration.
        Leave both fields empty when you have none.
      </p>
      <div class="grid">
        {REPRESENTATIVES.map(([key, label]) => (
          <div key={key}>
            <TextField label={`${label} representative`} {...field(key, 'name')} hint="Legal name." />
            <TextField
              label={`${label} representative’s contact`}
              {...field(key, 'contact')}
              hint="Postal or email address, or a contact page as [label](https://…)."
            />
          </div>
        ))}
      </div>
    </fieldset>
  )
}

export function CategoriesSection(props: SectionProps) {
  const enabled = (getAt(props.value, ['categories']) as string[] | undefined) ?? [...OPTIONAL_CATEGORIES]
  return (
    <fieldset>
      <legend>Categories</legend>
      <CheckboxField label="Essential (always on)" checked disabled onChange={() => undefined} />
      {OPTIONAL_CATEGORIES.map((c) => (
        <CheckboxField
          key={c}
          label={c[0]!.toUpperCase() + c.slice(1)}
          path={c === OPTIONAL_CATEGORIES[0] ? 'categories' : undefined}
          checked={enabled.includes(c)}
          onChange={(on) =>
            props.onChange(
              setAt(
                props.value,
                ['categories'],
                OPTIONAL_CATEGORIES.filter((x) => (x === c ? on : enabled.includes(x))),
              ),
            )
          }
        />
      ))}
    </fieldset>
  )
}

export function JurisdictionSection(props: SectionProps) {
  const b = binder(props)
  return (
    <fieldset>
      <legend>Jurisdiction</legend>
      <SelectField
        label="Rules outside the EEA, the UK, Switzerland and the US"
        {...b.pick(['jurisdiction', 'defaultRegime'], 'opt_in')}
        options={REGIMES}
        hint="opt_in asks before anything optional runs; opt_out runs it until the visitor objects."
      />
      <CheckboxField label="Show the banner under US opt-out rules before a decision" {...b.bool(['jurisdiction', 'promptUnderOptOut'], true)} />
      <RulesEditor {...props} />
    </fieldset>
  )
}

export function DataPracticesSection(props: SectionProps) {
  const b = binder(props)
  const sells = b.bool(['dataPractices', 'sellsOrShares'], true)
  return (
    <fieldset>
      <legend>Data practices</legend>
      <ChoiceField
        label="Does the site sell or share personal information?"
        path={sells.path}
        value={sells.checked ? 'yes' : 'no'}
        options={[
          ['yes', 'Yes, or it uses it for targeted advertising across sites'],
          ['no', 'No'],
        ]}
        onChange={(v) => sells.onChange(v === 'yes')}
        hint="No removes every Do Not Sell or Share control, and GPP and USP signals say there is no sale or sharing; Global Privacy Control is still honoured. Answer as your privacy policy does."
      />
      <CheckboxField
        label="The site uses sensitive personal information beyond what California lets it use without a right to limit"
        {...b.bool(['dataPractices', 'usesSensitiveInformation'], false)}
        hint="Precise geolocation, health, racial or ethnic origin and the like, used for more than the services a visitor asks for (CCPA regulations §7027(m)). Visitors in California then get a Limit the Use of My Sensitive Personal Information control beside Do Not Sell."
      />
    </fieldset>
  )
}

export function ConsentSection(props: SectionProps) {
  const b = binder(props)
  return (
    <fieldset>
      <legend>Consent</legend>
      <NumberField label="Decision lifetime (days)" min={1} max={395} {...b.num(['consent', 'lifetimeDays'])} hint="395 days is the CNIL's 13-month ceiling." />
      <CheckboxField label="Let visitors choose per service" {...b.bool(['consent', 'perServiceChoice'], true)} />
      <TextField label="Consent cookie name" placeholder="consentry" {...b.text(['consent', 'cookieName'])} />
      <TextField label="Cookie domain" placeholder="the page's host" {...b.text(['consent', 'cookieDomain'])} />
      <CheckboxField label="Also set the consent cookie from the API (outlives Safari's 7-day cap)" {...b.bool(['consent', 'serverCookie'], false)} />
    </fieldset>
  )
}

export function AppearanceSection(props: SectionProps) {
  const b = binder(props)
  return (
    <fieldset>
      <legend>Appearance</legend>
      <SelectField label="Layout" {...b.pick(['appearance', 'layout'], 'bar')} options={['bar', 'box', 'modal'] as const} />
      <SelectField label="Theme" {...b.pick(['appearance', 'theme'], 'auto')} options={['auto', 'light', 'dark'] as const} />
      <TextField label="Accent colour" placeholder="#1d4ed8" {...b.text(['appearance', 'accentColor'])} />
      <NumberField label="Corner radius (px)" min={0} max={32} {...b.num(['appearance', 'radius'])} />
      <TextField label="Font" placeholder="system-ui, sans-serif" {...b.text(['appearance', 'font'])} />
      <CheckboxField label="Show a button to reopen the preferences" {...b.bool(['appearance', 'reopenButton'], true)} />
      <CheckboxField
        label="Show a notice with one OK button when no optional category is used"
        {...b.bool(['appearance', 'essentialOnlyNotice'], true)}
        hint="Off: a site with essential cookies only shows no banner."
      />
    </fieldset>
  )
}

export function ConsentModeSection(props: SectionProps) {
  const b = binder(props)
  return (
    <fieldset>
      <legend>Google Consent Mode</legend>
      <CheckboxField label="Send Consent Mode signals" {...b.bool(['googleConsentMode', 'enabled'], true)} />
      <NumberField label="Wait for update (ms)" min={0} max={10000} {...b.num(['googleConsentMode', 'waitForUpdateMs'])} />
      <CheckboxField label="Redact ads data before consent" {...b.bool(['googleConsentMode', 'adsDataRedaction'], true)} />
      <CheckboxField label="URL passthrough" {...b.bool(['googleConsentMode', 'urlPassthrough'], false)} />
    </fieldset>
  )
}
