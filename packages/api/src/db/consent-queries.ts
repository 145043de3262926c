import { and, eq, gt, gte, lt, or, type SQL } from 'drizzle-orm'
import type * as pg from './schema-pg'
import type * as sqlite from './schema-sqlite'
import type { ConsentRecord, PersonalFields } from '../records/chain'
import type { ConsentFilter } from './store'

// The parts of consent queries both stores build alike (drizzle operators and plain values, which each dialect renders).

/** The consents table of either dialect: the conditions are drizzle operators on its columns, which each dialect renders. */
type ConsentsTable = typeof sqlite.consents | typeof pg.consents

/** A data subject's records: by visitor id, by the site's user id, or either; undefined when neither is named. */
export function subjectCondition(consents: ConsentsTable, subject: { visitorId?: string | undefined; externalUserId?: string | undefined }): SQL | undefined {
  const parts: SQL[] = []
  if (subject.visitorId) parts.push(eq(consents.visitorId, subject.visitorId))
  if (subject.externalUserId) parts.push(eq(consents.externalUserId, subject.externalUserId))
  return parts.length ? or(...parts) : undefined
}

/** A visitor's records after `afterSeq`, on one site or (no `siteId`) on every site. */
export function visitorHistoryCondition(consents: ConsentsTable, visitorId: string, siteId: string | undefined, afterSeq: number): SQL | undefined {
  return and(eq(consents.visitorId, visitorId), siteId ? eq(consents.siteId, siteId) : undefined, gt(consents.seq, afterSeq))
}

/** The conditions of a consent log filter (time range, visitor, user, jurisdiction, method), to `and` with the site's. */
export function filterConditions(consents: ConsentsTable, f: ConsentFilter): SQL[] {
  const out: SQL[] = []
  if (f.from !== undefined) out.push(gte(consents.receivedAt, f.from))
  if (f.to !== undefined) out.push(lt(consents.receivedAt, f.to))
  if (f.visitorId) out.push(eq(consents.visitorId, f.visitorId))
  if (f.externalUserId) out.push(eq(consents.externalUserId, f.externalUserId))
  if (f.jurisdiction) out.push(eq(consents.jurisdiction, f.jurisdiction))
  if (f.method) out.push(eq(consents.method, f.method))
  return out
}

/** What erasure writes over a subject's records: every personal field and the salt nulled (typed so none is missed), and when. */
export function tombstone(at: number): Record<keyof PersonalFields | 'salt', null> & Pick<ConsentRecord, 'erasedAt'> {
  return {
    visitorId: null,
    externalUserId: null,
    idempotencyKey: null,
    pageUrl: null,
    ip: null,
    userAgent: null,
    gppString: null,
    salt: null,
    erasedAt: at,
  }
}
