/**
 * @consentry/shared — Consentry's consent model: pure TypeScript, no DOM, no Node, no zod at runtime.
 * zod schemas live on the `@consentry/shared/schemas` subpath.
 */

// Categories and methods
export { CATEGORIES, OPTIONAL_CATEGORIES, isCategory, isOptionalCategory, allCategories } from './consent/categories'
export type { Category, OptionalCategory, CategoryChoices, CategoryGrants } from './consent/categories'
export { CONSENT_METHODS, isConsentMethod } from './consent/methods'
export type { ConsentMethod } from './consent/methods'

// Consent state and decisions
export { isVisitorId } from './consent/consent-state'
export { newVisitorId, newIdempotencyKey, timeOrderedId, idTime } from './consent/ids'
export type { ConsentState } from './consent/consent-state'
export { decide, regimeDefaults } from './consent/decide'
export type { DecisionInput, Picks } from './consent/decide'
export { purposesFingerprint, offeredPurposes } from './consent/purposes'
export { recordedState, recordedOptOuts } from './consent/recorded-state'
export { own, recordOf } from './consent/own'
export { US_OPT_OUTS, NO_OPT_OUTS, dnsOptOuts, withDnsChoice } from './consent/us-opt-outs'
export type { UsOptOut, UsOptOuts } from './consent/us-opt-outs'
export type { RecordedDecision } from './consent/recorded-state'
export type { ServiceRef, OfferedPurposes } from './consent/purposes'

// Jurisdictions
export {
  REGIMES,
  RULESETS,
  REGIME_SOURCES,
  US_UOOM_SINCE,
  normalizeLocation,
  resolveJurisdiction,
  siteJurisdictionOptions,
  jurisdictionCode,
} from './consent/jurisdiction'
export type { Regime, Ruleset, RegimeSource, RegimeRules, SiteJurisdictionConfig, Location, Jurisdiction, JurisdictionOptions } from './consent/jurisdiction'

// What may run, and when to ask
export { effectiveConsent } from './consent/effective-consent'
export type { EffectiveConsent, EffectiveConsentInput } from './consent/effective-consent'
export { shouldPrompt, isRefusal, REFUSAL_QUIET_DAYS, OPT_OUT_QUIET_DAYS } from './consent/should-prompt'
export type { PromptDecision, PromptInput, PromptReason, QuietReason } from './consent/should-prompt'

// Consent cookie
export { encodeConsentCookie, decodeConsentCookie, COOKIE_CODEC_VERSION, MAX_COOKIE_VALUE_LENGTH } from './consent/cookie-codec'

// Ad-tech signals
export { consentModeState, CONSENT_MODE_TYPES } from './consent/consent-mode'
export type { ConsentModeState, ConsentModeType, ConsentModeValue } from './consent/consent-mode'
export { encodeGpp, usSectionsFor, GPP_SECTIONS } from './signals/gpp/gpp-string'
export type { GppData, GppSectionName } from './signals/gpp/gpp-string'
export { encodeGppHeader } from './signals/gpp/header'
export { encodeUsSection, usnatFields, uscaFields } from './signals/gpp/us-sections'
export type { UsPrivacyChoices, GppSectionFields, GppFieldValue } from './signals/gpp/us-sections'
export { usPrivacyChoices } from './signals/us-privacy'
export { encodeUspString } from './signals/usp'
export type { UspInput } from './signals/usp'

// Appearance values that reach CSS
export { FONT_LIST, HEX_COLOR, RADIUS_MAX, isFontList, isHexColor, isRadius } from './appearance/css-values'

// Texts
export { parseLinks, safeHref, linkIssues } from './text/links'
export type { TextSegment } from './text/links'
export { TEXT_KEYS, isTextKey } from './i18n/text-keys'
export type { TextKey, Texts } from './i18n/text-keys'

// Types of the configuration (types only: no zod at runtime)
export type { SiteConfig, SiteConfigInput, ServiceConfig, StorageItem } from './schemas/site-config'
export type { ConsentInput } from './schemas/consent-record'
export type { FieldIssue } from './schemas/format-issues'

// HTTP contract types (shapes shared by banner and API)
export type { ConfigResponse, ConsentReceipt, ReceiptProof, ApiErrorBody } from './api-contract'
export { CONSOLE_SIGNED_IN_COOKIE } from './api-contract'
