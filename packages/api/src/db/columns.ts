import { CONSENT_METHODS } from '@consentry/shared'

/** The methods a record may carry; typed on the column and enforced by a CHECK in both dialects. */
export const METHODS = CONSENT_METHODS

/** SQL list for CHECK constraints: `'accept_all','reject_all',…`. */
export const METHOD_SQL_LIST = METHODS.map((m) => `'${m}'`).join(',')
