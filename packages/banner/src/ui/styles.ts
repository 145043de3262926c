import { isHexColor, isRadius, type SiteConfig } from '@consentry/shared'

function luminance(hex: string): number {
  const h = hex.length === 4 ? hex.replace(/\w/g, (c) => c + c) : hex
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(h.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** White or near-black, whichever reads better on `hex` (WCAG contrast), for text on the accent colour. */
export function textOn(hex: string): string {
  const l = luminance(hex)
  return 1.05 / (l + 0.05) >= (l + 0.05) / (0.0111 + 0.05) ? '#fff' : '#111'
}

/**
 * What the core lets into `--cs-font`: plain characters and whole quoted names, so a value cannot end the
 * declaration or leave a string open. Looser than the schema's `FONT_LIST` (which the core does not carry).
 */
const CSS_SAFE_FONT = /^(?:[\w ,-]|"[\w -]*"|'[\w -]*')+$/

/** The font list the banner is set in (`--cs-font`): the site's when it is safe in CSS, else the system's UI font. */
export const bannerFont = (look: SiteConfig['appearance']): string => (CSS_SAFE_FONT.test(look.font) ? look.font : 'system-ui,sans-serif')

/** The first layer's element id: stable, so crawlers, auditors and auto-reject tools can find it. */
export const LAYER_ID = 'consentry-first-layer'

/**
 * The banner's shadow-root stylesheet (corner, dialogs' frame). Site appearance becomes custom properties on
 * `:host`, which the first layer inherits through its slot; a page can still override them
 * (`consentry-banner { --cs-accent: … }`). A value that reaches CSS is checked again here (a configuration from
 * the API was validated when published, but not by this code): one that fails is left out, so the default
 * stands and the rest of the stylesheet is whole.
 */
export function buildCss(look: SiteConfig['appearance']): string {
  const accent = isHexColor(look.accentColor) ? look.accentColor : '#1d4ed8'
  const vars = [
    `--cs-accent:${accent};--cs-on-accent:${textOn(accent)}`,
    isRadius(look.radius) && `--cs-radius:${look.radius}px`,
    `--cs-font:${bannerFont(look)}`,
  ]
  return `:host{all:initial;--cs-radius:8px;${vars.filter(Boolean).join(';')}}${SHADOW_CSS}`
}

/**
 * Scopes rules written with `&` to the first layer's id and makes every declaration `!important`: the layer
 * lives in the page's light DOM, where only an id-scoped `!important` rule outranks page rules such as
 * `button{…!important}`. Its first rules reset the layer (`all:initial`, so nothing a page set on an ancestor is
 * inherited) and revert its descendants to the browser's own styles (`all:revert`).
 */
export const scopeToLayer = (css: string): string => css.replace(/&/g, `#${LAYER_ID}`).replace(/([^{};]+:[^{};]+)(?=[;}])/g, '$1!important')

const LIGHT = '--cs-bg:#fff;--cs-fg:#1f2937;--cs-muted:#374151;--cs-line:#6b7280;--cs-overlay:rgba(17,24,39,.55)'
const DARK = '--cs-bg:#111827;--cs-fg:#f9fafb;--cs-muted:#e5e7eb;--cs-line:#9ca3af;--cs-overlay:rgba(0,0,0,.7)'

// Sizes in `em` from `font-size:medium` (the visitor's default size): a page's `html{font-size:10px}` changes
// nothing, and the visitor's own text size setting still applies.
const SHADOW_CSS = `.root{${LIGHT};font:medium/1.5 var(--cs-font);color:var(--cs-fg);-webkit-text-size-adjust:100%}
.theme-dark{${DARK}}
@media (prefers-color-scheme:dark){.theme-auto{${DARK}}}
*,*::before,*::after{box-sizing:border-box}
:focus-visible{outline:3px solid var(--cs-fg);outline-offset:2px;box-shadow:0 0 0 5px var(--cs-bg)}
.corner{position:fixed;bottom:.5em;inset-inline-start:.5em;z-index:2147483645;display:flex;flex-direction:column;align-items:flex-start;gap:.25em;max-width:calc(100vw - 1em)}
.reopen{background:var(--cs-bg);color:var(--cs-fg);font:inherit;font-size:.875em;min-height:2em;padding:.25em .75em;border:1px solid var(--cs-line);border-radius:1em;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.2)}
.status{margin:0;font-size:.875em}
.status:not(:empty){padding:.25em .75em;border:1px solid var(--cs-line);border-radius:var(--cs-radius);background:var(--cs-bg);color:var(--cs-fg)}
`

/**
 * The first layer's stylesheet, in the document (through `scopeToLayer`). The dialogs repeat its rules for title,
 * text and buttons in their own sheet (`PANEL_CSS`): a shadow root cannot use a document's rules. No entrance
 * animation: the layer is whole and opaque in the first frame that shows it, which is when a visitor (or a tool
 * that looks for it) can read and use it.
 */
export const LAYER_CSS = `&{all:initial;display:block;font:medium/1.5 var(--cs-font);color:var(--cs-fg);-webkit-text-size-adjust:100%}
& *,& ::before,& ::after{all:revert}
& [hidden]{display:none}
&,& *{box-sizing:border-box}
&.layer{position:fixed;z-index:2147483646;background:var(--cs-bg);border:1px solid var(--cs-line);box-shadow:0 4px 24px rgba(0,0,0,.2);max-height:calc(100vh - 1em);overflow:auto}
&.bar{inset-inline:0;bottom:0;border-width:1px 0 0}
& .inner{padding:1em}
&.bar .inner{max-width:64em;margin:0 auto}
&.box{bottom:1em;inset-inline-end:1em;width:min(26em,calc(100vw - 2em));border-radius:var(--cs-radius)}
& .title{font-size:1.125em;font-weight:700;margin:0 0 .5em;line-height:1.3}
& .text{margin:0 0 .75em;color:var(--cs-muted)}
& a,& .link{color:inherit;text-decoration:underline;text-underline-offset:.15em}
& .link{font:inherit;background:none;border:0;padding:.25em 0;min-height:24px;cursor:pointer;margin-top:.5em}
& .actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(8em,1fr));gap:.5em;margin-top:.75em}
& .btn{font:inherit;font-weight:600;line-height:1.5;min-height:2.75em;padding:.5em 1em;border-radius:var(--cs-radius);border:2px solid var(--cs-accent);background:var(--cs-accent);color:var(--cs-on-accent);cursor:pointer;text-align:center;overflow-wrap:anywhere}
& .btn.secondary{background:var(--cs-bg);color:var(--cs-fg);border-color:var(--cs-line)}
& :focus-visible{outline:3px solid var(--cs-fg);outline-offset:2px;box-shadow:0 0 0 5px var(--cs-bg)}
& .gpc{font-weight:600;margin:0 0 .5em;padding:.25em .5em;border-inline-start:4px solid var(--cs-accent)}
`
