/**
 * @consentry/scanner — finds what a site really sets and sends, before and after each consent choice,
 * classifies it and drafts the site's cookie declaration.
 */

// Scan a site
export { scanSite } from './scan'
export type { ScanOptions, ScanProgress } from './scan'
export { launchSystemChromium, ChromiumMissingError, CHROMIUM_ARGS } from './browser/launch'

// The result and its reports
export { scanResultSchema, PASSES, FINDING_KINDS } from './report/result-schema'
export { scanRequestSchema } from './report/scan-request'
export type { ScanRequest } from './report/scan-request'
export type { ScanResult, Finding, ObservedCookie, ObservedStorage, ThirdPartyRequest, Pass } from './report/result-schema'
export { renderMarkdown } from './report/markdown'
export { compareScans, failureReasons, FAIL_ON } from './report/changes'
export type { FailOn } from './report/changes'
export { proposeDeclaration, parseDeclaration } from './report/declaration'
export type { Declaration } from './report/declaration'

// Classification data
export { CATALOGUE } from './classify/catalogue'
export { loadOpenCookieDatabase, defaultOcdPath } from './classify/ocd-file'
export { importOpenCookieDatabase } from './classify/open-cookie-database'

// The `consentry scan` command
export { runScanCommand, SCAN_USAGE, ScanUsageError } from './cli'
