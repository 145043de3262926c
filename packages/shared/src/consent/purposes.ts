import type { Category } from './categories'

/** The minimum a consent rule needs to know about a declared service. */
export interface ServiceRef {
  id: string
  category: Category
}

/** The purposes a site offers: enabled optional categories and the services inside them. */
export interface OfferedPurposes {
  categories: readonly Category[]
  services: readonly ServiceRef[]
}

/**
 * A short stable fingerprint of what the visitor was asked about. When it changes, purposes or services
 * changed, which justifies asking again even inside a refusal's quiet period (EU-14).
 * FNV-1a (32-bit): not a security hash, only change detection, and small enough for the banner.
 */
export function purposesFingerprint(offered: OfferedPurposes): string {
  const parts = [...[...offered.categories].sort(), ...offered.services.map((s) => `${s.category}/${s.id}`).sort()]
  let hash = 0x811c9dc5
  for (const ch of parts.join('|')) {
    hash ^= ch.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}

/**
 * What a site configuration offers: essential plus its enabled optional categories, and every declared
 * service. The banner and the API both fingerprint this, so they agree on when purposes changed.
 */
export function offeredPurposes(config: { categories: readonly Category[]; services: readonly ServiceRef[] }): OfferedPurposes {
  return {
    categories: ['essential', ...config.categories.filter((c) => c !== 'essential')],
    services: config.services.map((s) => ({ id: s.id, category: s.category })),
  }
}
