/**
 * Where a visitor is → which consent regime applies.
 * Sources: ../../../../../shared/CONFORMANCE.md §1.3 (US universal opt-out dates) and EU-16.
 */

/** `opt_in`: nothing optional before consent. `opt_out`: allowed until the visitor opts out. `notice`: inform only. */
export const REGIMES = ['opt_in', 'opt_out', 'notice'] as const
export type Regime = (typeof REGIMES)[number]

/** The law families a location can fall under; `default` is a country no built-in rule covers. */
export const RULESETS = ['gdpr', 'uk', 'swiss', 'us_state', 'us', 'quebec', 'canada', 'lgpd', 'default', 'unknown'] as const
export type Ruleset = (typeof RULESETS)[number]

export interface Location {
  /** ISO 3166-1 alpha-2, upper case, or null when unknown. */
  country: string | null
  /** ISO 3166-2 subdivision code (`US-CA`), or null. */
  region: string | null
}

export interface Jurisdiction {
  location: Location
  ruleset: Ruleset
  regime: Regime
  /** What decided the regime: a built-in rule, the site's `jurisdiction.rules`, or its `defaultRegime`. */
  source: RegimeSource
  /** A law here obliges the site to honour a universal opt-out signal such as GPC today. */
  gpcMandated: boolean
  /** US opt-out rights apply here (sale, sharing, targeted advertising): GPC is honoured and US GPP sections are sent. */
  usPrivacy: boolean
  /** Show the "Do Not Sell or Share My Personal Information" control: US rules, and the site sells or shares. */
  showDoNotSell: boolean
  /**
   * Show the "Limit the Use of My Sensitive Personal Information" control: California (CCPA §1798.121), and the site
   * uses sensitive personal information beyond the purposes that need no such right. Absent from responses made
   * before the field existed: read as false.
   */
  showSensitiveLimit?: boolean
}

export const REGIME_SOURCES = ['built_in', 'site_rule', 'default'] as const
export type RegimeSource = (typeof REGIME_SOURCES)[number]

/** Per-site regime overrides: an ISO 3166-1 country (`CA`) or ISO 3166-2 region (`CA-QC`) → regime. */
export type RegimeRules = Readonly<Record<string, Regime>>

export interface JurisdictionOptions {
  /** Regime for countries with no specific rules. Default `opt_in`: when unsure, ask first. */
  defaultRegime?: Regime
  /** The site's own rules; a region's rule beats its country's, and both beat the built-in rules. */
  rules?: RegimeRules
  /** The site states it neither sells nor shares personal information: no "Do Not Sell or Share" control. */
  saleFree?: boolean
  /** The site uses sensitive personal information in a way that gives Californians the right to limit it. */
  sensitiveUse?: boolean
  /** Clock for date-dependent rules (US universal opt-out mandates), UTC ms. */
  now?: number
}

/** EU member states plus Iceland, Liechtenstein and Norway (the EEA). */
const EEA = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
])
/**
 * Parts of the EU that geo databases report under their own ISO code: the outermost regions
 * (TFEU 355(1)), Åland, and the Canary Islands / Ceuta and Melilla codes some CDNs emit.
 */
const EU_TERRITORIES = new Set(['RE', 'GP', 'GF', 'MQ', 'YT', 'MF', 'AX', 'IC', 'EA'])
/** Places that apply GDPR-style opt-in rules without being in the EEA. */
const UK_RULES = new Set(['GB', 'GI', 'IM', 'JE', 'GG'])

/**
 * US states whose law mandates honouring a universal opt-out mechanism (GPC), from that date (UTC).
 * California's duty comes from the CCPA regulations (§7025), in force since 2020.
 */
export const US_UOOM_SINCE: Readonly<Record<string, string>> = {
  'US-CA': '2020-08-14',
  'US-CO': '2024-07-01',
  'US-CT': '2025-01-01',
  'US-TX': '2025-01-01',
  'US-MT': '2025-01-01',
  'US-NH': '2025-01-01',
  'US-NE': '2025-01-01',
  'US-NJ': '2025-07-15',
  'US-MN': '2025-07-31',
  'US-MD': '2025-10-01',
  'US-OR': '2026-01-01',
  'US-DE': '2026-01-01',
}

const COUNTRY = /^[A-Z]{2}$/
const SUBDIVISION = /^[A-Z0-9]{1,3}$/

/**
 * Normalises raw geo input (CDN headers, query strings) into a Location. Anything malformed becomes null,
 * which resolves to the strictest rules.
 * @example normalizeLocation('us', 'ca') // { country: 'US', region: 'US-CA' }
 */
export function normalizeLocation(country?: string | null, region?: string | null): Location {
  const c = country?.trim().toUpperCase() ?? ''
  // 'XX' (Cloudflare: unknown) and 'T1' (Tor) carry no location.
  const validCountry = COUNTRY.test(c) && c !== 'XX' && c !== 'T1' ? c : null
  let r = region?.trim().toUpperCase() ?? ''
  if (validCountry && r.startsWith(`${validCountry}-`)) r = r.slice(validCountry.length + 1)
  const validRegion = validCountry && SUBDIVISION.test(r) ? `${validCountry}-${r}` : null
  return { country: validCountry, region: validRegion }
}

/** Built-in rules by region, checked before the country's: Quebec's Law 25 asks consent before tracking. */
const REGION_RULES: Readonly<Record<string, { ruleset: Ruleset; regime: Regime }>> = {
  'CA-QC': { ruleset: 'quebec', regime: 'opt_in' },
}

/**
 * The built-in rule for a country, or null when the site's `defaultRegime` decides. Canada outside Quebec
 * (PIPEDA accepts implied consent for non-sensitive data) is left to the site: `defaultRegime`, or a rule for `CA`.
 * Brazil's LGPD, read with the ANPD's cookie guidance (2022), asks consent for non-essential cookies.
 */
function countryRule(country: string): { ruleset: Ruleset; regime: Regime | null } | null {
  if (EEA.has(country) || EU_TERRITORIES.has(country)) return { ruleset: 'gdpr', regime: 'opt_in' }
  if (UK_RULES.has(country)) return { ruleset: 'uk', regime: 'opt_in' }
  if (country === 'CH') return { ruleset: 'swiss', regime: 'opt_in' }
  if (country === 'BR') return { ruleset: 'lgpd', regime: 'opt_in' }
  if (country === 'CA') return { ruleset: 'canada', regime: null }
  return null
}

function usRule(gpcMandated: boolean): { ruleset: Ruleset; regime: Regime } {
  return { ruleset: gpcMandated ? 'us_state' : 'us', regime: 'opt_out' }
}

/**
 * Resolves the consent regime for a location, most specific first: the site's rule for the region, the built-in
 * rule for the region (Quebec), the site's rule for the country, the built-in rule for the country, then
 * `defaultRegime`.
 * Unknown location → opt-in (strictest), whatever the site's rules say. US opt-out rights and GPC mandates
 * follow the law of the place, not the regime a site picks for it.
 * @example resolveJurisdiction({ country: 'US', region: 'US-CA' }).regime // 'opt_out'
 * @example resolveJurisdiction({ country: 'CA', region: 'CA-QC' }).regime // 'opt_in'
 */
export function resolveJurisdiction(location: Location, options: JurisdictionOptions = {}): Jurisdiction {
  const now = options.now ?? Date.now()
  const { country, region } = location
  if (country === null) {
    return {
      location,
      ruleset: 'unknown',
      regime: 'opt_in',
      source: 'built_in',
      gpcMandated: false,
      usPrivacy: false,
      showDoNotSell: false,
      showSensitiveLimit: false,
    }
  }
  const us = country === 'US'
  const since = us && region ? US_UOOM_SINCE[region] : undefined
  const gpcMandated = since !== undefined && now >= Date.parse(`${since}T00:00:00Z`)
  const regionLaw = region ? REGION_RULES[region] : undefined
  const law = regionLaw ?? (us ? usRule(gpcMandated) : countryRule(country))
  // A built-in region rule (Quebec) beats the site's country rule: `CA` speaks for Canada, Quebec has its own law.
  const site = (region ? options.rules?.[region] : undefined) ?? (regionLaw ? undefined : options.rules?.[country])
  const source: RegimeSource = site ? 'site_rule' : law?.regime ? 'built_in' : 'default'
  const regime = site ?? law?.regime ?? options.defaultRegime ?? 'opt_in'
  return {
    location,
    ruleset: law?.ruleset ?? 'default',
    regime,
    source,
    gpcMandated,
    usPrivacy: us,
    showDoNotSell: us && options.saleFree !== true,
    showSensitiveLimit: region === 'US-CA' && options.sensitiveUse === true,
  }
}

/** What a site configuration contributes to resolving a jurisdiction (configs published before rules existed lack them). */
export interface SiteJurisdictionConfig {
  jurisdiction: { defaultRegime: Regime; rules?: RegimeRules }
  dataPractices?: { sellsOrShares: boolean; usesSensitiveInformation?: boolean }
}

/** The options `resolveJurisdiction` takes from a site's configuration: the API and the banner both use this. */
export function siteJurisdictionOptions(config: SiteJurisdictionConfig, now?: number): JurisdictionOptions {
  return {
    defaultRegime: config.jurisdiction.defaultRegime,
    rules: config.jurisdiction.rules ?? {},
    saleFree: config.dataPractices?.sellsOrShares === false,
    sensitiveUse: config.dataPractices?.usesSensitiveInformation === true,
    ...(now === undefined ? {} : { now }),
  }
}

/** A short code for records and analytics: the region when known, else the country, else `ZZ` (unknown). */
export function jurisdictionCode(jurisdiction: Jurisdiction): string {
  return jurisdiction.location.region ?? jurisdiction.location.country ?? 'ZZ'
}
