/**
 * @consentry/banner — the consent banner and preferences center as an ES module for applications.
 * The script-tag build (`dist/consentry.js`) wraps the same `init` and exposes it as `window.consentry`.
 */

// Start a banner
export { init } from './init'
export type { InitOptions, ConsentryHandle } from './init'
export type { ConfigSourceOptions, LoadedConfig } from './config/load'
export { ConfigError } from './config/defaults'

// Events
export type { ConsentryEvent, ConsentryEvents, ViewName } from './events'

// The consent seam (for gating, signals and your own integrations)
export type { ConsentSource, ConsentSnapshot, ConsentChangeCause } from './consent-source'

// Languages
export { BUILT_IN_LOCALES } from './i18n/locales'

export { BANNER_VERSION } from './version'
