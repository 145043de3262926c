import { normalizeLocation, resolveJurisdiction, siteJurisdictionOptions } from '@consentry/shared'
import { withDefaults } from './defaults'
import type { LoadedConfig } from './load'

/**
 * Inline configuration (no API to resolve anything): checked and completed by the guards, and the visitor's
 * jurisdiction resolved from the given location (unknown: the strictest rules). Loaded only for inline
 * configuration (`Parts.inline`); a configuration from the API arrives with its jurisdiction.
 */
export function resolveInline(input: unknown, country?: string, region?: string): LoadedConfig {
  const config = withDefaults(input)
  const jurisdiction = resolveJurisdiction(normalizeLocation(country, region), siteJurisdictionOptions(config))
  return { config, versionId: 'inline', jurisdiction, publishedAt: null }
}
