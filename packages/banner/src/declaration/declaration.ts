import type { Category, SiteConfig, StorageItem, Texts } from '@consentry/shared'
import type { ConsentSnapshot, ConsentSource } from '../consent-source'
import { enCookies } from '../i18n/en-cookies'
import { el, type Child } from '../ui/dom'
import { formatLifetime } from '../ui/lifetime'
import { linked } from '../ui/linked'
import { addsDeclaration, DECLARATION_SELECTOR } from './selector'
import { DECLARATION_TEXTS } from './texts'

/** What a declaration renders with; given by the banner instance that loaded the chunk. */
export interface DeclarationContext {
  source: ConsentSource
  /** The visitor's texts (their language, the site's overrides); English fills any gap. */
  texts(): Partial<Texts>
  locale: string
  /** When the configuration shown was published (UTC ms), or null (inline configuration). */
  publishedAt: number | null
  openPreferences(): void
}

type T = Texts

/**
 * Renders the cookie declaration into every `[data-consentry-declaration]` element, in the page's light DOM (what
 * crawlers and auditors read), and into each one added later (a single-page app's route): the visitor's choice with a
 * "change" button, the controller, then each category, its services and every cookie and storage key. No stylesheet:
 * it inherits the page's fonts and colours (long words may break, so it reflows on a phone). The choice updates in
 * place when the visitor decides. Returns a function that stops watching and empties the elements again.
 */
export function mountDeclarations(doc: Document, ctx: DeclarationContext): () => void {
  const t = { ...enCookies, ...DECLARATION_TEXTS, ...ctx.texts() } as T
  /** Each filled element with the place its choice is shown. */
  const filled = new Map<HTMLElement, HTMLElement>()
  const paintChoice = (choice: HTMLElement, snapshot: ConsentSnapshot) =>
    choice.replaceChildren(...choiceView(snapshot, t, ctx.locale).filter((c): c is Node | string => !!c))
  const fill = () => {
    for (const [host] of filled) if (!host.isConnected) filled.delete(host) // a route that left
    for (const host of doc.querySelectorAll<HTMLElement>(DECLARATION_SELECTOR)) {
      if (filled.has(host)) continue
      const level = Number(host.dataset.consentryHeading) || 2
      const choice = el('div', { class: 'consentry-declaration-choice', 'aria-live': 'polite' })
      filled.set(host, choice)
      host.replaceChildren(declaration(ctx, t, Math.min(Math.max(level, 1), 5), choice))
      paintChoice(choice, ctx.source.snapshot())
    }
  }
  fill()
  // Only changes that add a declaration element are worth a look: a busy page mutates all the time.
  const observer = new MutationObserver((records) => addsDeclaration(records) && fill())
  observer.observe(doc.documentElement, { childList: true, subtree: true })
  const off = ctx.source.subscribe((snapshot) => {
    for (const choice of filled.values()) paintChoice(choice, snapshot)
  })
  return () => {
    observer.disconnect()
    off()
    for (const host of filled.keys()) host.replaceChildren()
    filled.clear()
  }
}

function declaration(ctx: DeclarationContext, t: T, level: number, choice: HTMLElement): HTMLElement {
  const { config } = ctx.source.snapshot()
  const h = (n: number, text: string) => el(`h${Math.min(n, 6)}`, {}, text)
  const categories: Category[] = ['essential', ...config.categories]
  return el(
    'section',
    // The one style it sets: a long word (a cookie name, a German heading, a URL) may break, so the tables fit a
    // 320 px phone rather than widening the page (WCAG 1.4.10), which would also make a phone zoom the page out.
    { class: 'consentry-declaration', 'aria-label': t['declaration.label'], lang: ctx.locale, style: 'overflow-wrap:anywhere' },
    ctx.publishedAt !== null && el('p', { class: 'consentry-declaration-updated' }, `${t['declaration.updated']}: `, time(ctx.publishedAt, ctx.locale)),
    h(level, t['declaration.yourChoice']),
    choice,
    el('p', {}, el('button', { type: 'button', 'aria-haspopup': 'dialog', 'data-action': 'change', onclick: ctx.openPreferences }, t['declaration.change'])),
    h(level, t['declaration.controller']),
    controller(config, t),
    ...categories.flatMap((c) => [
      h(level, t[`category.${c}.name`]),
      el('p', {}, ...linked(t[`category.${c}.description`])),
      ...config.services.filter((s) => s.category === c).flatMap((s) => service(s, t, ctx.locale, level + 1)),
    ]),
  )
}

function time(at: number, locale: string): HTMLElement {
  let text: string
  try {
    text = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(at)
  } catch {
    text = new Date(at).toISOString().slice(0, 10)
  }
  return el('time', { datetime: new Date(at).toISOString() }, text)
}

/** The visitor's current choice: each category allowed or refused, the consent id and when it was decided. */
function choiceView({ state, consent, config }: ConsentSnapshot, t: T, locale: string): Child[] {
  const gpc = consent.gpcHonoured && el('p', { role: 'status' }, t['gpc.honored'])
  if (!state || !consent.decided) return [el('p', {}, t['declaration.noChoice']), gpc]
  const categories: Category[] = ['essential', ...config.categories]
  return [
    el(
      'ul',
      {},
      ...categories.map((c) =>
        el('li', {}, `${t[`category.${c}.name`]}: `, el('strong', {}, consent.categories[c] ? t['declaration.allowed'] : t['declaration.refused'])),
      ),
    ),
    gpc,
    el('p', {}, `${t['declaration.consentId']}: `, el('code', {}, state.visitorId)),
    el('p', {}, `${t['declaration.decidedAt']}: `, time(state.decidedAt, locale)),
  ]
}

function controller(config: SiteConfig, t: T): HTMLElement {
  const { name, contact, representatives = {} } = config.controller
  const row = (label: string, ...value: Child[]) => el('div', {}, el('dt', {}, label), el('dd', {}, ...value))
  const party = (p: { name: string; contact?: string | undefined }) => [p.name, ...(p.contact ? [', ', ...linked(p.contact)] : [])]
  return el(
    'dl',
    { class: 'consentry-declaration-controller' },
    row(t['declaration.controller'], name),
    contact && row(t['controller.contact'], ...linked(contact)),
    representatives.eu && row(t['controller.representativeEu'], ...party(representatives.eu)),
    representatives.uk && row(t['controller.representativeUk'], ...party(representatives.uk)),
    row(t['banner.privacyPolicy'], el('a', { href: config.policy.url }, config.policy.url)),
  )
}

const KIND: Record<StorageItem['kind'], keyof T> = {
  cookie: 'declaration.cookie',
  local_storage: 'declaration.localStorage',
  session_storage: 'declaration.sessionStorage',
}

function service(s: SiteConfig['services'][number], t: T, locale: string, level: number): Child[] {
  const row = (label: string, ...value: Child[]) => el('div', {}, el('dt', {}, label), el('dd', {}, ...value))
  const facts = el(
    'dl',
    { class: 'consentry-declaration-service' },
    row(t['preferences.cookieProvider'], s.provider),
    row(t['preferences.cookiePurpose'], ...linked(s.purpose)),
    s.justification && row(t['declaration.necessary'], ...linked(s.justification)),
    row(t['banner.privacyPolicy'], el('a', { href: s.privacyPolicyUrl, rel: 'noopener' }, s.privacyPolicyUrl)),
  )
  if (s.storage.length === 0) return [el(`h${Math.min(level, 6)}`, {}, s.name), facts, el('p', {}, t['declaration.noStorage'])]
  const th = (text: string) => el('th', { scope: 'col' }, text)
  const table = el(
    'table',
    { class: 'consentry-declaration-storage' },
    el('caption', {}, `${t['preferences.cookies']}: ${s.name}`),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        th(t['preferences.cookieName']),
        th(t['declaration.kind']),
        th(t['preferences.cookieDuration']),
        th(t['preferences.cookieParty']),
        th(t['preferences.cookiePurpose']),
      ),
    ),
    el(
      'tbody',
      {},
      ...s.storage.map((item) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, el('code', {}, item.match === 'prefix' ? `${item.name}*` : item.name), item.domain ? ` (${item.domain})` : ''),
          el('td', {}, t[KIND[item.kind]]),
          el('td', {}, formatLifetime(item.lifetime, locale, t)),
          el('td', {}, item.party === 'first' ? t['preferences.firstParty'] : t['preferences.thirdParty']),
          el('td', {}, item.description),
        ),
      ),
    ),
  )
  return [el(`h${Math.min(level, 6)}`, {}, s.name), facts, table]
}
