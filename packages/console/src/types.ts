// Shapes of the admin API's answers, as the console reads them.
import type { SiteConfig } from '@consentry/shared'

export interface Site {
  id: string
  name: string
  allowedOrigins: string[]
  retentionDays: number | null
  publishedVersionId: string | null
  createdAt: number
  updatedAt: number
}

export interface SessionInfo {
  keyId: string
  label: string
  siteIds: string[] | null
  csrfToken: string
  expiresAt: number
  idleTimeoutMs: number
}

export interface ConfigVersion {
  id: string
  siteId: string
  version: number
  hash: string
  createdAt: number
  config?: SiteConfig
}

export type ConfigCheck = { valid: true; config: SiteConfig; hash: string; purposes: string } | { valid: false; issues: { path: string; message: string }[] }

export interface ConsentRecordView {
  id: string
  visitorId: string | null
  externalUserId: string | null
  method: string
  categories: Record<string, boolean>
  services: Record<string, boolean>
  doNotSell: boolean
  gpc: boolean
  secGpc: boolean
  policyRevision: number
  configVersionId: string
  configHash: string
  locale: string
  jurisdiction: string
  bannerVersion: string
  pageUrl: string | null
  decidedAt: number
  receivedAt: number
  prevHash: string
  hash: string
  erasedAt: number | null
}

export interface Receipt {
  id: string
  receivedAt: number
  hash: string
  signature: string
  keyId: string
  proof: { treeSize: number; leafIndex: number; path: string[]; root: string }
}

export interface RecordDetail {
  record: ConsentRecordView
  chain: { position: number; total: number; previousId: string | null; expectedPrevHash: string; valid: boolean; problem: string | null }
  receipt: Receipt
}

export interface StatsRow {
  day: string
  jurisdiction: string
  method: string
  decisions: number
  grantRate: { functional: number; analytics: number; advertising: number }
  optOutRate: number
  gpcRate: number
}

export interface ApiKeyView {
  id: string
  label: string
  siteIds: string[] | null
  createdAt: number
  revokedAt: number | null
  current: boolean
}
