// The live preview: the real banner bundle in a sandboxed frame, fed the draft as a visitor in a chosen country,
// language, theme and viewport would get it. The frame is recreated on every change, as a fresh visit.
import type { SiteConfig } from '@consentry/shared'
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { SelectField } from '../ui/fields'

const PLACES = [
  ['DE', 'Germany (EU)'],
  ['FR', 'France (EU)'],
  ['GB', 'United Kingdom'],
  ['US-CA', 'California, US'],
  ['US-TX', 'Texas, US'],
  ['BR', 'Brazil'],
  ['CA-QC', 'Quebec, Canada'],
  ['JP', 'Japan'],
] as const
const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'ar', 'he'] as const
const VIEWPORTS = [
  ['1280', 'Desktop (1280 px)'],
  ['375', 'Phone (375 px)'],
] as const

type Place = (typeof PLACES)[number][0]

export function PreviewPanel(props: { config: SiteConfig | null }) {
  const [place, setPlace] = useState<Place>('DE')
  const [locale, setLocale] = useState<(typeof LANGUAGES)[number]>('en')
  const [theme, setTheme] = useState<'light' | 'dark'>('light')
  const [viewport, setViewport] = useState<'1280' | '375'>('375')
  const [layer, setLayer] = useState<'first' | 'preferences'>('first')
  const frame = useRef<HTMLIFrameElement>(null)
  const [generation, setGeneration] = useState(0)
  const json = props.config ? JSON.stringify(props.config) : ''

  useEffect(() => setGeneration((g) => g + 1), [json, place, locale, theme, layer])

  // The request for the frame now showing, read when that frame says it is ready. The listener is attached in a
  // layout effect, before a new frame can load, so its first message is never missed.
  const [country, region = ''] = place.split('-')
  const request = useRef<unknown>(null)
  request.current = props.config ? { type: 'consentry-preview', config: props.config, country, region, locale, theme, layer } : null
  useLayoutEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // The sandboxed frame has an opaque origin: it is recognised by its window.
      if (event.source !== frame.current?.contentWindow || (event.data as { type?: string })?.type !== 'consentry-preview-ready') return
      if (request.current) frame.current?.contentWindow?.postMessage(request.current, '*')
    }
    addEventListener('message', onMessage)
    return () => removeEventListener('message', onMessage)
  }, [])

  return (
    <aside class="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">Preview</h3>
      <div class="preview-controls">
        <SelectField label="Visitor in" value={place} options={PLACES} onChange={setPlace} />
        <SelectField label="Language" value={locale} options={LANGUAGES} onChange={setLocale} />
        <SelectField label="Theme" value={theme} options={['light', 'dark'] as const} onChange={setTheme} />
        <SelectField label="Viewport" value={viewport} options={VIEWPORTS} onChange={setViewport} />
        <SelectField
          label="Layer"
          value={layer}
          options={
            [
              ['first', 'First layer'],
              ['preferences', 'Preferences'],
            ] as const
          }
          onChange={setLayer}
        />
      </div>
      {props.config ? (
        <div class="preview-stage">
          <iframe
            key={generation}
            ref={frame}
            title="Banner preview"
            src="preview.html"
            sandbox="allow-scripts"
            class={`preview-frame w${viewport}`}
            width={Number(viewport)}
            height={600}
          />
        </div>
      ) : (
        <p class="hint">The preview appears once the API accepts the draft.</p>
      )}
    </aside>
  )
}
