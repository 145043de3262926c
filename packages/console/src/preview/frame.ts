// The banner preview frame (/admin/preview.html), sandboxed by the console. It waits for the console to send a
// draft configuration, then starts the real banner bundle on it as an inline configuration, for the chosen country,
// language and theme. No API is named, so nothing the previewer clicks is recorded.

interface PreviewRequest {
  type: 'consentry-preview'
  config: Record<string, unknown>
  country: string
  region: string
  locale: string
  theme: 'light' | 'dark'
  layer: 'first' | 'preferences'
}

declare global {
  interface Window {
    consentry?: unknown
  }
}

function isRequest(data: unknown): data is PreviewRequest {
  return !!data && typeof data === 'object' && (data as { type?: unknown }).type === 'consentry-preview'
}

/**
 * The frame is sandboxed without `allow-same-origin`, so the browser refuses it cookies and storage. The banner
 * needs both: give it in-memory stand-ins, which also guarantees a preview never touches the console's own.
 */
function memoryStorage(): void {
  const jar = new Map<string, string>()
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    set: (line: string) => {
      const [pair = '', ...attrs] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      if (!name) return
      const expired = attrs.some((a) => /^\s*max-age=(0|-)/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()))
      if (expired) jar.delete(name)
      else jar.set(name, pair.slice(at + 1).trim())
    },
  })
  for (const name of ['localStorage', 'sessionStorage'] as const) {
    const items = new Map<string, string>()
    const storage = {
      get length() {
        return items.size
      },
      key: (i: number) => [...items.keys()][i] ?? null,
      getItem: (k: string) => items.get(String(k)) ?? null,
      setItem: (k: string, v: string) => void items.set(String(k), String(v)),
      removeItem: (k: string) => void items.delete(String(k)),
      clear: () => items.clear(),
    }
    Object.defineProperty(window, name, { configurable: true, value: storage })
  }
}

function start(req: PreviewRequest): void {
  memoryStorage()
  document.body.classList.toggle('dark', req.theme === 'dark')
  const config = structuredClone(req.config) as { appearance?: Record<string, unknown>; consent?: Record<string, unknown> }
  config.appearance = { ...config.appearance, theme: req.theme }
  // A cookie of its own, so a preview never looks like (or overwrites) a real visitor's choice.
  config.consent = { ...config.consent, cookieName: 'consentry_preview', serverCookie: false }
  const data = document.createElement('script')
  data.type = 'application/json'
  data.setAttribute('data-consentry-config', '')
  data.textContent = JSON.stringify(config)
  document.head.append(data)
  const banner = document.createElement('script')
  banner.src = '/consentry.js'
  if (req.country) banner.dataset.country = req.country
  if (req.region) banner.dataset.region = req.region
  if (req.locale) banner.dataset.locale = req.locale
  banner.addEventListener('load', () => {
    if (req.layer !== 'preferences') return
    const q = window.consentry as { push(call: (h: { showPreferences(): void }) => void): void } | undefined
    q?.push((h) => h.showPreferences())
  })
  document.body.append(banner)
}

let started = false
window.addEventListener('message', (event) => {
  if (event.source !== window.parent || started || !isRequest(event.data)) return
  started = true
  start(event.data)
})
// Sandboxed, this frame's origin is opaque: the console matches the frame by its window, not its origin.
window.parent.postMessage({ type: 'consentry-preview-ready' }, '*')
