/**
 * The dialogs' stylesheet (overlay, dialog frame, categories, switches, cookie lists): it travels with the
 * dialogs and is added to the banner's shadow root after the core stylesheet (`buildCss`), whose custom
 * properties it uses.
 */
export const PANEL_CSS = `
.overlay{position:fixed;inset:0;z-index:2147483647;background:var(--cs-overlay);display:flex;align-items:center;justify-content:center;padding:.5rem;animation:cs-in .2s ease-out}
.dialog{background:var(--cs-bg);color:var(--cs-fg);position:relative;width:min(40rem,100%);max-height:100%;overflow:auto;padding:1rem;border-radius:var(--cs-radius);box-shadow:0 8px 32px rgba(0,0,0,.3)}
.dialog:focus{outline:none}
.name{font-size:1rem;font-weight:600;margin:0}
.head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start;justify-content:space-between}
.close{min-height:2.25rem;padding:.25rem .75rem}
ul{list-style:none;margin:0;padding:0}
.cat{border-top:1px solid var(--cs-line);padding:.75rem 0}
.svc{border-inline-start:3px solid var(--cs-line);padding:.25rem .75rem;margin:.5rem 0}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;margin-bottom:.25rem}
summary{cursor:pointer;min-height:24px;padding:.125rem 0;font-weight:600}
details ul{margin-top:.25rem}
dl{margin:.25rem 0;display:grid;gap:0 .75rem;grid-template-columns:max-content 1fr;font-size:.875rem}
dl div{display:contents}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
.cookies li+li{border-top:1px dashed var(--cs-line)}
.switch{font:inherit;display:inline-flex;align-items:center;gap:.5rem;min-height:2rem;min-width:2.75rem;padding:.25rem .5rem;background:none;color:var(--cs-fg);border:1px solid transparent;border-radius:var(--cs-radius);cursor:pointer}
.switch[aria-disabled=true]{cursor:not-allowed}
.track{position:relative;width:2.5rem;height:1.5rem;border-radius:1rem;border:2px solid var(--cs-line);background:var(--cs-bg);flex:none}
.track::after{content:"";position:absolute;top:.125rem;inset-inline-start:.125rem;width:1rem;height:1rem;border-radius:50%;background:var(--cs-line);transition:inset-inline-start .15s}
[aria-checked=true] .track{background:var(--cs-accent);border-color:var(--cs-accent)}
[aria-checked=true] .track::after{inset-inline-start:1.125rem;background:var(--cs-on-accent)}
.state{font-size:.875rem;font-weight:600;min-width:2rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
code{font-size:.875em;overflow-wrap:anywhere}
@media (forced-colors:active){.track{border-color:CanvasText}[aria-checked=true] .track{background:Highlight}}
`
