/**
 * Where a visitor is → which consent regime applies.
 * Sources: ../../../../../shared/CONFORMANCE.md §1.3 (US universal opt-out dates) and EU-16.
 */

/** `opt_in`: nothing optional before consent. `opt_out`: allowed until the visitor opts out. `notice`: inform only. */
export const REGIMES = ['opt_in', 'opt_out', 'notice'] as const
export type Regime = (typeof REGIMES)[number]

/** The rule families a location can fall under. */
export const RULESETS = ['gdpr', 'uk', 'swiss', 'us_state', 'us', 'default', 'unknown'] as const
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
  /** A law here obliges the site to honour a universal opt-out signal such as GPC today. */
  gpcMandated: boolean
  /** Show the "Do Not Sell or Share My Personal Information" control. */
  showDoNotSell: boolean
}

export interface JurisdictionOptions {
  /** Regime for countries with no specific rules. Default `opt_in`: when unsure, ask first. */
  defaultRegime?: Regime
  /** Clock for date-dependent rules (US universal opt-out mandates), UTC ms. */
  now?: number
}

/** EU member states plus Iceland, Liechtenstein and Norway (the EEA). */
const EEA = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
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

/**
 * Resolves the consent regime for a location. Unknown location → opt-in (strictest).
 * @example resolveJurisdiction({ country: 'US', region: 'US-CA' }).regime // 'opt_out'
 */
export function resolveJurisdiction(location: Location, options: JurisdictionOptions = {}): Jurisdiction {
  const now = options.now ?? Date.now()
  const { country, region } = location
  const base = { location, gpcMandated: false, showDoNotSell: false }
  if (country === null) return { ...base, ruleset: 'unknown', regime: 'opt_in' }
  if (EEA.has(country) || EU_TERRITORIES.has(country)) return { ...base, ruleset: 'gdpr', regime: 'opt_in' }
  if (UK_RULES.has(country)) return { ...base, ruleset: 'uk', regime: 'opt_in' }
  if (country === 'CH') return { ...base, ruleset: 'swiss', regime: 'opt_in' }
  if (country === 'US') {
    const since = region ? US_UOOM_SINCE[region] : undefined
    const mandated = since !== undefined && now >= Date.parse(`${since}T00:00:00Z`)
    return { location, ruleset: mandated ? 'us_state' : 'us', regime: 'opt_out', gpcMandated: mandated, showDoNotSell: true }
  }
  return { ...base, ruleset: 'default', regime: options.defaultRegime ?? 'opt_in' }
}

/** A short code for records and analytics: the region when known, else the country, else `ZZ` (unknown). */
export function jurisdictionCode(jurisdiction: Jurisdiction): string {
  return jurisdiction.location.region ?? jurisdiction.location.country ?? 'ZZ'
}
