import type { SiteCreate } from '@consentry/shared/schemas'
import type { SiteRow } from './db/store'
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
