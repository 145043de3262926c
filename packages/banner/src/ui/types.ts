import type { Picks, Texts } from '@consentry/shared'
import type { ConsentSnapshot } from '../consent-source'
import type { Panels } from '../parts'
import type { CoreTextKey } from '../i18n/en-core'
import type { RegimeTextKey } from '../i18n/en-regimes'
import type { EmbedTextKey } from '../gating/placeholder'
import type { DeclarationTextKey } from '../declaration/texts'

/** What the visitor can do from the UI; each call is a decision or a view change. */
export interface UiActions {
  acceptAll(): void
  rejectAll(): void
  /** Closes an essential-only site's notice (nothing to choose): remembered, nothing optional granted. */
  dismiss(): void
  save(picks: Picks): void
  /** The US opt-outs dialog's choice: `doNotSell`, and `optOuts.sensitiveLimit` where it offered that limit. */
  setUsChoices(picks: Pick<Picks, 'doNotSell' | 'optOuts'>): void
  openPreferences(): void
  openDoNotSell(): void
  closePanel(): void
  /** The visitor is reaching for a dialog (pointer over or focus on its opener): start loading the dialogs. */
  prefetch(): void
}

export type Panel = 'preferences' | 'dns' | null

/** The view: first layer shown or not, which dialog is open, and the last status message. */
export interface ViewState {
  banner: boolean
  panel: Panel
  saved: boolean
}

/** The texts the core has: every key it renders, plus whatever the locale file and the site gave. */
export type CoreTexts = Pick<Texts, CoreTextKey> & Partial<Texts>

/** What the dialogs render with: every text but the embed placeholders' (gating has those) and the regime wording. */
export type DialogTexts = Omit<Texts, EmbedTextKey | RegimeTextKey | DeclarationTextKey> & Partial<Texts>

export interface UiProps {
  t: DialogTexts
  locale: string
  snapshot: ConsentSnapshot
  view: ViewState
  actions: UiActions
  /** The dialogs once loaded (`Parts.panels`); null until then. */
  panels: Panels | null
}

/** What the core renders with (first layer, corner): its texts may lack the dialogs' English. */
export type CoreUiProps = Omit<UiProps, 't'> & { t: CoreTexts }

/**
 * The one condition for the first layer's "Do Not Sell or Share" control (and its sentence): the jurisdiction
 * calls for it. A site that sells or shares nothing hides it here.
 */
export function doNotSellControlShown(snapshot: ConsentSnapshot): boolean {
  return snapshot.jurisdiction.showDoNotSell
}

/** The "Limit the Use of My Sensitive Personal Information" control: California, on a site that uses such information. */
export function sensitiveLimitShown(snapshot: Pick<ConsentSnapshot, 'jurisdiction'>): boolean {
  return snapshot.jurisdiction.showSensitiveLimit === true
}

/** Show the GPC "Opt-out request honored" status (GPC-06): a signal applied where US opt-out rights apply (sale-free sites too). */
export function gpcStatusShown(snapshot: ConsentSnapshot): boolean {
  return snapshot.consent.gpcHonoured && snapshot.jurisdiction.usPrivacy
}

/** A first layer ready to insert; `connected`, called once it is in the document, makes it modal (undo returned). */
export interface BuiltLayer {
  node: HTMLElement
  connected?: () => () => void
}
