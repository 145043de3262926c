/**
 * @consentry/api — the proof-of-consent API.
 */

// App
export { createApp, createApi } from './app'
export type { Api } from './app'
// The Node listener of `consentry serve`: cached config reads answered in front of the app
export { nodeListener } from './node-listener'
export type { AppDeps, AppEnv } from './context'
export { ApiError } from './errors'
export type { ErrorCode } from './errors'

// Sites (the CLI's building block)
export { newSite } from './sites'

// Storage
export { openStore } from './db/open-store'
export { openSqliteStore } from './db/sqlite-store'
export { openPostgresStore } from './db/pg-store'
export type { RecordStore } from './db/store'

// Admin keys (the secret is shown once; only its hash is stored)
export { newApiKey } from './middleware/admin-auth'

// Receipts and chain
export { createSigner, generateSigningKey, verifyReceipt, loadSigner } from './records/signing'
export type { Signer } from './records/signing'
export { verifyChain, GENESIS_HASH } from './records/chain'
export type { ConsentRecord, ChainReport } from './records/chain'
export { openApiDocument } from './openapi'
export type { OpenApiDocument } from './openapi'
