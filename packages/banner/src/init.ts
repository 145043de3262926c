import { isCategory, isOptionalCategory, own, shouldPrompt } from '@consentry/shared'
import type { Category, ConsentMethod, Picks, Texts } from '@consentry/shared'
import type { ConsentSnapshot, ConsentSource } from './consent-source'
import { loadConfig, type ConfigSourceOptions } from './config/load'
import { createStore } from './store'
import { createEmitter, type ConsentryEvent, type ConsentryEvents } from './events'
import { chooseLocale, fetchLocale, resolveTexts } from './i18n/locales'
import { createRecorder } from './delivery/recorder'
import { createView } from './view'
import { mount, type Mount } from './mount'
import { bindOpeners } from './openers'
import { startIntegrations } from './integrations'
import { startCleanup } from './cleanup/index'
import { createCoreUi, type CoreUi } from './ui/core-ui'
import { bannerFont, buildCss, LAYER_CSS, scopeToLayer } from './ui/styles'
import { warmUpFont } from './ui/font-warmup'
import { sensitiveLimitShown, type Panel, type UiActions, type ViewState } from './ui/types'
import { loadPart, withPart, type Panels, type Parts } from './parts'
import { BUNDLED } from './parts-bundled'
import { whenDeclared } from './declaration/selector'
import { nextTask } from './next-task'

export interface InitOptions extends ConfigSourceOptions {
  /** Force a locale (else `<html lang>`, the browser's languages, then the site's default). */
  locale?: string
  /** Where `i18n/<locale>.json` files live (the script's own URL for the script tag). */
  i18nBase?: string
  /** Extra or replacement texts per locale, on top of the site's configured overrides. */
  texts?: Record<string, Partial<Texts>>
  /** Nonce for the `<style>` injected where constructable stylesheets are unsupported. */
  nonce?: string
  /** The site's own id for a logged-in visitor, recorded with each decision. */
  externalUserId?: string
  /** Its proof from the site's backend: HMAC-SHA256 of `externalUserId` under the site's identity secret (hex). */
  externalUserProof?: string
  /** Called with `on` before anything is announced, so its listeners hear start-up too (the first layer's `show`). */
  listen?: (on: ConsentryHandle['on']) => void
}

/** The controller `init()` returns (and `window.consentry` becomes). */
export interface ConsentryHandle {
  /** What may run now, the stored decision, the jurisdiction and the configuration. */
  get(): ConsentSnapshot
  /** Whether a category (`analytics`) or service (`ga4`) may run now. */
  has(categoryOrServiceId: string): boolean
  /** Resolves once the category or service is granted (immediately if it already is). */
  whenGranted(categoryOrServiceId: Category | string): Promise<void>
  on<E extends ConsentryEvent>(event: E, fn: ConsentryEvents[E]): () => void
  show(): void
  showPreferences(): void
  showDoNotSell(): void
  /** Closes the first layer and any dialog without deciding anything. */
  hide(): void
  acceptAll(): void
  rejectAll(): void
  set(picks: Picks): void
  setDoNotSell(optOut: boolean): void
  /** Forgets the decision and shows the first layer again. */
  reset(): void
  /** Removes the banner and stops everything this instance started. */
  destroy(): void
  /** The consent source gating, signals and cleanup read. */
  readonly source: ConsentSource
}

/**
 * Loads the configuration, renders the banner (the first layer in the page's light DOM, the corner and dialogs in a
 * shadow root) and returns its controller. Start-up runs in short tasks (docs/banner-dom.md, Start-up).
 * @example const consentry = await init({ site: 'site_abc123', api: 'https://consent.example.com' })
 * consentry.on('change', ({ consent }) => console.log(consent.categories))
 */
export function init(options: InitOptions = {}): Promise<ConsentryHandle> {
  return initWith(options, BUNDLED)
}

/** `init` with the parts a first view may not need supplied by the caller (the script tag loads them on demand). */
export async function initWith(options: InitOptions, parts: Parts): Promise<ConsentryHandle> {
  const loaded = await loadConfig(options, parts.inline)
  const { config, jurisdiction } = loaded
  const doc = document
  const gpc = (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true
  const store = createStore({ loaded, gpc })
  const events = createEmitter()
  options.listen?.(events.on)
  const overrides = { ...config.texts, ...options.texts }
  let locale = chooseLocale([options.locale, doc.documentElement.lang, ...(navigator.languages ?? [])], Object.keys(overrides), config.defaultLocale)
  let t = resolveTexts(locale, null, overrides)

  const context = {
    siteId: config.siteId,
    configVersionId: loaded.versionId,
    locale,
    externalUserId: options.externalUserId,
    externalUserProof: options.externalUserProof,
  }
  const recorder = createRecorder(
    options.api,
    context,
    // A server-set consent cookie (consent.serverCookie) needs the request to carry credentials.
    { delivery: parts.delivery, credentials: config.consent.serverCookie ? 'include' : 'omit' },
  )

  const stored = store.snapshot().state
  const prompt = shouldPrompt({
    stored,
    regime: jurisdiction.regime,
    policyRevision: config.policy.revision,
    purposes: store.purposes,
    lifetimeDays: config.consent.lifetimeDays,
    promptUnderOptOut: config.jurisdiction.promptUnderOptOut,
    offersChoice: config.categories.length > 0,
    essentialOnlyNotice: config.appearance.essentialOnlyNotice,
    now: Date.now(),
  })

  /** Tells `on()` listeners and the page (DOM event `consentry:<event>` carrying `detail`) about one moment. */
  const announce = <E extends ConsentryEvent>(event: E, detail: unknown, ...args: Parameters<ConsentryEvents[E]>) => {
    events.emit(event, ...args)
    doc.dispatchEvent(new CustomEvent(`consentry:${event}`, { detail }))
  }
  // Hidden until the first paint shows it, so that showing is announced like any other.
  const view = createView(
    { banner: false, panel: null, saved: false },
    (name, shown) => announce(shown ? 'show' : 'hide', { view: name }, name),
    () => paint(),
  )
  // The dialog asked for last (null once closed): a dialog that finishes loading after it was closed stays closed.
  let wanted: Panel = null
  const setView = (next: Partial<ViewState>) => {
    if (next.panel !== undefined) wanted = next.panel
    view.set(next)
  }
  let panels: Panels | null = null
  let mounted: Mount | null = null
  let ui: CoreUi | null = null
  // The dialogs' stylesheet joins the shadow root once both exist, whichever came first.
  const addPanelCss = () => mounted && panels && mounted.addCss(panels.PANEL_CSS)
  /** Runs `then` once the dialogs are here (at once when they are bundled); `failed` if they cannot load. */
  const withPanels = (then: () => void, failed?: () => void) => {
    if (panels) return then()
    const got = parts.panels()
    if (failed && got instanceof Promise) got.catch(failed)
    withPart(
      got,
      (loaded) => {
        const first = !panels
        panels = loaded
        if (first) addPanelCss()
        then()
      },
      'dialogs',
    )
  }

  const apply = (method: ConsentMethod, picks?: Picks) => {
    const decision = store.decide(method, picks)
    recorder.record(decision)
    const snapshot = store.snapshot()
    announce('decision', { state: decision, consent: snapshot.consent }, decision, snapshot)
    return decision
  }
  const anyGranted = () => {
    const state = store.snapshot().state
    return !!state && state.method !== 'gpc' && Object.values(state.categories).some(Boolean)
  }
  /** A decision by any route (the JavaScript API, an embed's "Always allow") answers the first layer. */
  const decideElsewhere = (method: ConsentMethod, picks?: Picks) => {
    apply(method, picks)
    setView({ banner: false })
  }
  const decideAndClose = (method: ConsentMethod, picks?: Picks) => {
    apply(method, picks)
    setView({ banner: false, panel: null, saved: true })
  }
  const openPanel = (panel: Panel) => {
    wanted = panel
    withPanels(() => wanted === panel && setView({ panel, saved: false }))
  }
  const actions: UiActions = {
    acceptAll: () => decideAndClose('accept_all'),
    // Refusing after an earlier grant is a withdrawal: recorded as such (GDPR 7(3)), same effect as reject.
    rejectAll: () => decideAndClose(anyGranted() ? 'withdraw' : 'reject_all'),
    // Nothing optional is offered: the notice is remembered as a choice of nothing.
    dismiss: () => decideAndClose('custom', {}),
    save: (picks) => decideAndClose('custom', picks),
    setUsChoices: (picks) => decideAndClose('dns_link', picks),
    openPreferences: () => openPanel('preferences'),
    openDoNotSell: () => openPanel('dns'),
    closePanel: () => setView({ panel: null }),
    prefetch: () => withPanels(() => {}),
  }

  const paint = () => ui?.paint({ t, locale, snapshot: store.snapshot(), view: view.get(), actions, panels })
  const unsubscribe = store.subscribe((snapshot, cause) => {
    announce('change', { consent: snapshot.consent, state: snapshot.state, cause }, snapshot, cause)
    paint()
  })
  // Gating and signals start before anything waits (texts, <body>), so no tag slips through.
  const stopIntegrations = startIntegrations(store, parts, () => t)
  // GPC where an opt-out is owed: applied and recorded without asking, once per browser (GPC-05, GPC-07).
  if (gpc && jurisdiction.usPrivacy && !(stored?.gpc && stored.doNotSell)) apply('gpc')

  // Everything that must come before other tags (Consent Mode defaults, __gpp, gating, GPC) is done. What follows,
  // up to the stylesheets, is short enough to share this task; the stylesheets, the first layer and the rest get
  // tasks of their own.
  const saleFree = config.dataPractices?.sellsOrShares === false // inline configs from before the field may lack it
  const unbindOpeners = bindOpeners(
    doc,
    { preferences: actions.openPreferences, doNotSell: actions.openDoNotSell },
    { saleFree, limitOffered: sensitiveLimitShown(store.snapshot()) },
  )
  // "Always allow" on an embed placeholder (gating) is a real, recorded grant of that service or category.
  const onRequestGrant = (event: Event) => {
    const { service, category } = (event as CustomEvent<{ service?: string | null; category?: string | null }>).detail ?? {}
    if (service) decideElsewhere('api', { services: { [service]: true } })
    else if (isOptionalCategory(category)) decideElsewhere('api', { categories: { [category]: true } })
  }
  doc.addEventListener('consentry:request-grant', onRequestGrant)
  // Opt-in wording is in the core; other regimes', essential-only sites' and the US opt-out links' English loads beside the locale.
  const regimeTexts =
    jurisdiction.regime === 'opt_in' && config.categories.length && !jurisdiction.usPrivacy ? {} : loadPart<Partial<Texts>>(parts.texts(), 'texts', {})
  const [builtIn, english] = await Promise.all([fetchLocale(locale, options.i18nBase ?? null), regimeTexts])
  // Its translation failed to load and the site gives none: what shows is English, so say so (lang, dir, record).
  if (builtIn === false && !overrides[locale]) {
    console.warn(`[consentry] "${locale}" not loaded; English shown`)
    context.locale = locale = 'en'
  }
  t = resolveTexts(locale, builtIn || null, overrides, english)
  // The font lookups get a task of their own, queued now: while the page still parses, or before the stylesheets' task.
  if (prompt.prompt) void nextTask().then(() => warmUpFont(doc, bannerFont(config.appearance), `${t['banner.title']} ${t['banner.acceptAll']}`))
  // First in <head> (the documented embed order) the script runs before <body> exists.
  if (!doc.body) await new Promise((ready) => doc.addEventListener('DOMContentLoaded', ready, { once: true }))
  // The modal first layer is a dialog: its frame comes with the dialogs, before the first paint.
  if (config.appearance.layout === 'modal') await new Promise<void>((done) => withPanels(done, done))
  await nextTask()
  const layerCss = scopeToLayer(LAYER_CSS + ((panels as Panels | null)?.MODAL_LAYER_CSS ?? ''))
  const shown = mount(buildCss(config.appearance), layerCss, options.nonce, doc)
  mounted = shown
  ui = createCoreUi(shown.root)
  addPanelCss()
  await nextTask()
  setView({ banner: prompt.prompt }) // announces the first layer's `show`, then paints
  // What no first view waits for: the sweep of what refused services left behind, earlier pages' records.
  await nextTask()
  const stopCleanup = startCleanup(store, parts)
  recorder.flush()
  // The cookie declaration's chunk loads once the page has one: now, or on a single-page app's later route.
  let stopDeclarations = () => {}
  const declared = { source: store, texts: () => t, locale, publishedAt: loaded.publishedAt, openPreferences: actions.openPreferences }
  const stopWaiting = whenDeclared(doc, () =>
    withPart(parts.declaration(), (d) => void (mounted && (stopDeclarations = d.mountDeclarations(doc, declared))), 'cookie declaration'),
  )

  const has = (id: string): boolean => {
    const { consent } = store.snapshot()
    return isCategory(id) ? consent.categories[id] : own(consent.services, id) === true
  }

  return {
    source: store,
    get: store.snapshot,
    has,
    whenGranted: (id) =>
      new Promise<void>((resolve) => {
        if (has(id)) return resolve()
        const off = store.subscribe(() => {
          if (has(id)) off(), resolve()
        })
      }),
    on: events.on,
    show: () => setView({ banner: true }),
    showPreferences: actions.openPreferences,
    showDoNotSell: actions.openDoNotSell,
    hide: () => setView({ banner: false, panel: null }),
    acceptAll: actions.acceptAll,
    rejectAll: actions.rejectAll,
    set: (picks) => decideElsewhere('api', picks),
    setDoNotSell: (doNotSell) => decideElsewhere('api', { doNotSell }),
    reset: () => {
      store.reset()
      setView({ banner: true, panel: null, saved: false })
    },
    destroy: () => {
      unsubscribe()
      stopIntegrations()
      stopCleanup()
      unbindOpeners()
      stopWaiting()
      stopDeclarations()
      doc.removeEventListener('consentry:request-grant', onRequestGrant)
      recorder.stop()
      ui?.destroy()
      shown.remove()
      mounted = ui = null
    },
  }
}
