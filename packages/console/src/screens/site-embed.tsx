// The snippets a site owner pastes into their pages.
import type { Site } from '../types'
import { CopyButton } from '../ui/fields'

export function EmbedTab(props: { site: Site }) {
  const origin = location.origin
  const snippets = [
    {
      title: 'Banner with its configuration built in (recommended)',
      text: `<script src="${origin}/v1/sites/${props.site.id}/consentry.js" async></script>`,
      hint: 'One request: the script carries this visitor’s configuration. Put it first in <head>.',
    },
    {
      title: 'Gate a tag until its category is granted',
      text: `<script type="text/plain" data-consentry-category="analytics" data-consentry-service="ga4" src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>`,
      hint: 'The banner turns it into a real script once analytics (and the service) is granted.',
    },
    {
      title: 'A link that reopens the preferences',
      text: `<a href="#" data-consentry-open>Cookie settings</a>`,
      hint: 'Put it in the footer: withdrawing must be as easy as consenting.',
    },
  ]
  return (
    <div class="embed">
      {props.site.allowedOrigins.length === 0 && (
        <p class="notice info">Add the site’s origins under Settings, or browsers will not be allowed to record consent.</p>
      )}
      {snippets.map((s, i) => (
        <section key={s.title} class="snippet" aria-labelledby={`snippet-${i}`}>
          <h3 id={`snippet-${i}`}>{s.title}</h3>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useAriaPropsSupportedByRole: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable), and named */}
          <pre tabIndex={0} aria-label={s.title}>
            <code>{s.text}</code>
          </pre>
          <p class="hint">{s.hint}</p>
          <CopyButton text={s.text} label="Copy" />
        </section>
      ))}
    </div>
  )
}
