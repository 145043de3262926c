import type * as pg from './schema-pg'
import type * as sqlite from './schema-sqlite'

/*
 * Row types, inferred from the drizzle schemas. The SQLite and PostgreSQL tables must infer the same type: where
 * they disagree, `Agreed` is `never` and every use fails to compile (schema-agreement.test.ts checks the columns).
 */
type Agreed<A, B> = [A] extends [B] ? ([B] extends [A] ? A : never) : never

export type SiteRow = Agreed<typeof sqlite.sites.$inferSelect, typeof pg.sites.$inferSelect>
export type ConfigVersionRow = Agreed<typeof sqlite.configVersions.$inferSelect, typeof pg.configVersions.$inferSelect>
export type ApiKeyRow = Agreed<typeof sqlite.apiKeys.$inferSelect, typeof pg.apiKeys.$inferSelect>
export type SigningKeyRow = Agreed<typeof sqlite.signingKeys.$inferSelect, typeof pg.signingKeys.$inferSelect>
/** A consent record as stored, in either database. */
export type ConsentRecord = Agreed<typeof sqlite.consents.$inferSelect, typeof pg.consents.$inferSelect>
export type PurgeRow = Agreed<typeof sqlite.chainPurges.$inferSelect, typeof pg.chainPurges.$inferSelect>
export type CheckpointRow = Agreed<typeof sqlite.checkpoints.$inferSelect, typeof pg.checkpoints.$inferSelect>
/** A cookie scan of a site, in either database. */
export type ScanRow = Agreed<typeof sqlite.scans.$inferSelect, typeof pg.scans.$inferSelect>
