import type { Signer } from './records/signing'
import type { SiteCreate } from '@consentry/shared/schemas'
import { purgeExpired } from './db/paging'
import type { RecordStore, SiteRow } from './db/store'
import { newId } from './records/ids'

/** A new site row from a validated create body (used by the admin API and the CLI). */
export function newSite(input: SiteCreate, now = Date.now()): SiteRow {
  return {
    id: newId('site'),
    name: input.name,
    allowedOrigins: input.allowedOrigins,
    retentionDays: input.retentionDays,
    publishedVersionId: null,
    headHash: null,
    anchorHash: null,
    identitySecret: null,
    lastReceivedAt: 0,
    createdAt: now,
    updatedAt: now,
  }
}

/** A site as the API shows it (no chain internals). */
export function siteView(s: SiteRow) {
  return {
    id: s.id,
    name: s.name,
    allowedOrigins: s.allowedOrigins,
    retentionDays: s.retentionDays,
    publishedVersionId: s.publishedVersionId,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }
}

/** What deleting a site did: deleted, or kept because `records` remain within retention (after purging `purged`). */
export interface SiteDeletion {
  deleted: boolean
  purged: number
  records: number
}

/**
 * Deletes a site (used by the admin API and the CLI): records past its retention are purged first, and the site goes
 * only if none remain. Consent records are the owner's proof (GDPR Art. 7(1)): they are not deleted with the site.
 */
export async function deleteSite(store: RecordStore, signer: Pick<Signer, 'sign' | 'keyId'>, site: SiteRow): Promise<SiteDeletion> {
  const purged = site.retentionDays === null ? 0 : await purgeExpired(store, signer, site.id, site.retentionDays)
  const { deleted, records } = await store.deleteSite(site.id)
  return { deleted, purged, records }
}
