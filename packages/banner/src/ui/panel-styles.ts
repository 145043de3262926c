/**
 * The `modal` layout's first layer (light DOM, through `scopeToLayer` like `LAYER_CSS`): an overlay and a dialog frame.
 */
export const MODAL_LAYER_CSS = `&.overlay{position:fixed;inset:0;z-index:2147483647;background:var(--cs-overlay);display:flex;align-items:center;justify-content:center;padding:.5em}
& .dialog{display:block;position:relative;background:var(--cs-bg);color:var(--cs-fg);width:min(40em,100%);max-height:100%;overflow:auto;padding:1em;border-radius:var(--cs-radius);box-shadow:0 8px 32px rgba(0,0,0,.3)}
& .dialog:focus{outline:none}
`

/**
 * The dialogs' stylesheet (overlay, dialog frame, categories, switches, cookie lists): it travels with the
 * dialogs and is added to the banner's shadow root after the core stylesheet (`buildCss`), whose custom
 * properties it uses.
 */
export const PANEL_CSS = `
@keyframes cs-in{from{opacity:0}}
.title{font-size:1.125em;font-weight:700;margin:0 0 .5em;line-height:1.3}
.text{margin:0 0 .75em;color:var(--cs-muted)}
a{color:inherit;text-decoration:underline;text-underline-offset:.15em}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(8em,1fr));gap:.5em;margin-top:.75em}
.btn{font:inherit;font-weight:600;min-height:2.75em;padding:.5em 1em;border-radius:var(--cs-radius);border:2px solid var(--cs-accent);background:var(--cs-accent);color:var(--cs-on-accent);cursor:pointer;text-align:center;overflow-wrap:anywhere}
.btn.secondary{background:var(--cs-bg);color:var(--cs-fg);border-color:var(--cs-line)}
.gpc{font-weight:600;margin:0 0 .5em;padding:.25em .5em;border-inline-start:4px solid var(--cs-accent)}
.overlay{position:fixed;inset:0;z-index:2147483647;background:var(--cs-overlay);display:flex;align-items:center;justify-content:center;padding:.5em;animation:cs-in .2s ease-out}
.dialog{background:var(--cs-bg);color:var(--cs-fg);position:relative;width:min(40em,100%);max-height:100%;overflow:auto;padding:1em;border-radius:var(--cs-radius);box-shadow:0 8px 32px rgba(0,0,0,.3)}
.dialog:focus{outline:none}
.name{font-size:1em;font-weight:600;margin:0}
.head{display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-start;justify-content:space-between}
.close{min-height:2.25em;padding:.25em .75em}
ul{list-style:none;margin:0;padding:0}
.cat{border-top:1px solid var(--cs-line);padding:.75em 0}
.svc{border-inline-start:3px solid var(--cs-line);padding:.25em .75em;margin:.5em 0}
.row{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;justify-content:space-between;margin-bottom:.25em}
summary{cursor:pointer;min-height:24px;padding:.125em 0;font-weight:600}
details ul{margin-top:.25em}
dl{margin:.25em 0;display:grid;gap:0 .75em;grid-template-columns:max-content 1fr;font-size:.875em}
dl div{display:contents}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
.cookies li+li{border-top:1px dashed var(--cs-line)}
.switch{font:inherit;display:inline-flex;align-items:center;gap:.5em;min-height:2em;min-width:2.75em;padding:.25em .5em;background:none;color:var(--cs-fg);border:1px solid transparent;border-radius:var(--cs-radius);cursor:pointer}
.switch[aria-disabled=true]{cursor:not-allowed}
.track{position:relative;width:2.5em;height:1.5em;border-radius:1em;border:2px solid var(--cs-line);background:var(--cs-bg);flex:none}
.track::after{content:"";position:absolute;top:.125em;inset-inline-start:.125em;width:1em;height:1em;border-radius:50%;background:var(--cs-line);transition:inset-inline-start .15s}
[aria-checked=true] .track{background:var(--cs-accent);border-color:var(--cs-accent)}
[aria-checked=true] .track::after{inset-inline-start:1.125em;background:var(--cs-on-accent)}
.state{font-size:.875em;font-weight:600;min-width:2em}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
code{font-size:.875em;overflow-wrap:anywhere}
@media (forced-colors:active){.track{border-color:CanvasText}[aria-checked=true] .track{background:Highlight}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`
