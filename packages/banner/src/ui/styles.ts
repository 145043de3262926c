import type { SiteConfig } from '@consentry/shared'

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
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / (0.0111 + 0.05)) ? '#fff' : '#111'
}

/**
 * The banner's stylesheet. Site appearance becomes custom properties on `:host`, so a page can still override
 * them (`consentry-banner { --cs-accent: … }`); every value is validated (hex, integer, font list) before here.
 */
export function buildCss(look: SiteConfig['appearance']): string {
  return `:host{all:initial;--cs-accent:${look.accentColor};--cs-on-accent:${textOn(look.accentColor)};--cs-radius:${look.radius}px;--cs-font:${look.font}}${CSS}`
}

const LIGHT = '--cs-bg:#fff;--cs-fg:#1f2937;--cs-muted:#374151;--cs-line:#6b7280;--cs-overlay:rgba(17,24,39,.55)'
const DARK = '--cs-bg:#111827;--cs-fg:#f9fafb;--cs-muted:#e5e7eb;--cs-line:#9ca3af;--cs-overlay:rgba(0,0,0,.7)'

const CSS = `.root{${LIGHT};font:1rem/1.5 var(--cs-font);color:var(--cs-fg);-webkit-text-size-adjust:100%}
.theme-dark{${DARK}}
@media (prefers-color-scheme:dark){.theme-auto{${DARK}}}
*,*::before,*::after{box-sizing:border-box}
.layer,.reopen{background:var(--cs-bg);color:var(--cs-fg)}
.layer{position:fixed;z-index:2147483646;border:1px solid var(--cs-line);box-shadow:0 4px 24px rgba(0,0,0,.2);max-height:calc(100vh - 1rem);overflow:auto;animation:cs-in .2s ease-out}
.bar{inset-inline:0;bottom:0;border-width:1px 0 0}
.inner{padding:1rem}
.bar .inner{max-width:64rem;margin:0 auto}
.box{bottom:1rem;inset-inline-end:1rem;width:min(26rem,calc(100vw - 2rem));border-radius:var(--cs-radius)}
.title{font-size:1.125rem;font-weight:700;margin:0 0 .5rem;line-height:1.3}
.text{margin:0 0 .75rem;color:var(--cs-muted)}
a,.link{color:inherit;text-decoration:underline;text-underline-offset:.15em}
.link{font:inherit;background:none;border:0;padding:.25rem 0;min-height:24px;cursor:pointer;margin-top:.5rem}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.5rem;margin-top:.75rem}
.btn{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border-radius:var(--cs-radius);border:2px solid var(--cs-accent);background:var(--cs-accent);color:var(--cs-on-accent);cursor:pointer;text-align:center;overflow-wrap:anywhere}
.btn.secondary{background:var(--cs-bg);color:var(--cs-fg);border-color:var(--cs-line)}
:focus-visible{outline:3px solid var(--cs-fg);outline-offset:2px;box-shadow:0 0 0 5px var(--cs-bg)}
.gpc{font-weight:600;margin:0 0 .5rem;padding:.25rem .5rem;border-inline-start:4px solid var(--cs-accent)}
.corner{position:fixed;bottom:.5rem;inset-inline-start:.5rem;z-index:2147483645;display:flex;flex-direction:column;align-items:flex-start;gap:.25rem;max-width:calc(100vw - 1rem)}
.reopen{font:inherit;font-size:.875rem;min-height:2rem;padding:.25rem .75rem;border:1px solid var(--cs-line);border-radius:1rem;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.2)}
.status{margin:0;font-size:.875rem}
.status:not(:empty){padding:.25rem .75rem;border:1px solid var(--cs-line);border-radius:var(--cs-radius);background:var(--cs-bg);color:var(--cs-fg)}
@keyframes cs-in{from{opacity:0}to{opacity:1}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`
