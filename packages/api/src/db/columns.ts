import { CONSENT_METHODS } from '@consentry/shared'

/** The methods a record may carry; typed on the column and enforced by a CHECK in both dialects. */
export const METHODS = CONSENT_METHODS

/** SQL list for CHECK constraints: `'accept_all','reject_all',…`. */
export const METHOD_SQL_LIST = METHODS.map((m) => `'${m}'`).join(',')

/** A scan job's states: queued, running, then done or failed. */
export const SCAN_STATUSES = ['queued', 'running', 'done', 'failed'] as const

/** SQL list for the scans status CHECK. */
export const SCAN_STATUS_SQL_LIST = SCAN_STATUSES.map((s) => `'${s}'`).join(',')
