import type { ConfigResponse, Jurisdiction, SiteConfig } from '@consentry/shared'
import { readToEnd } from '../read-to-end'
import { ConfigError } from './config-error'
import type { resolveInline } from './inline'

/** Where configuration comes from; see `loadConfig` for the order. */
export interface ConfigSourceOptions {
  /** Site id (`site_…`): needed to fetch the published configuration. */
  site?: string
  /** API origin, e.g. `https://consent.example.com`. Without it nothing is fetched or posted. */
  api?: string
  /** Inline configuration (a `SiteConfigInput`), for sites without the API. */
  config?: unknown
  /** Visitor location when there is no API to resolve it (inline config). Unknown → strictest rules. */
  country?: string
  region?: string
}

/** The configuration a banner instance renders, and what its records point at. */
export interface LoadedConfig {
  config: SiteConfig
  /** `ConfigResponse.versionId`, or `inline`. */
  versionId: string
  jurisdiction: Jurisdiction
  /** When the version was published (UTC ms), shown by the cookie declaration; null for inline configuration. */
  publishedAt: number | null
}

declare global {
  interface Window {
    /** A `ConfigResponse` the API inlines into the script it serves. */
    __consentryBootstrap?: ConfigResponse
  }
}

const FETCH_TIMEOUT_MS = 8000

// The API validated and completed the configuration when it was published (`siteConfigSchema`), so a response is
// only checked for its shape; the field guards are for inline configuration.
function fromResponse(response: ConfigResponse): LoadedConfig {
  const { config, versionId, jurisdiction, publishedAt } = (response ?? {}) as Partial<ConfigResponse>
  if (typeof versionId !== 'string' || !jurisdiction || typeof config?.siteId !== 'string') throw new ConfigError('config response is malformed')
  return { config, versionId, jurisdiction, publishedAt: typeof publishedAt === 'number' ? publishedAt : null }
}

function inlineScriptConfig(doc: Document): unknown {
  const node = doc.querySelector('script[type="application/json"][data-consentry-config]')
  return node?.textContent ? (JSON.parse(node.textContent) as unknown) : undefined
}

/**
 * Loads configuration: `window.__consentryBootstrap` (inlined by the API), else the `config` option or an inline
 * `<script type="application/json" data-consentry-config>` (checked and resolved by what `inline` gives), else
 * `GET ${api}/v1/sites/${site}/config`.
 */
export async function loadConfig(options: ConfigSourceOptions, inline: () => Promise<typeof resolveInline>, win: Window = window): Promise<LoadedConfig> {
  const boot = win.__consentryBootstrap
  if (boot && (!options.site || boot.siteId === options.site)) return fromResponse(boot)
  const inlineConfig = options.config ?? inlineScriptConfig(win.document)
  if (inlineConfig !== undefined) {
    return (await inline())(inlineConfig, options.country, options.region)
  }
  if (!options.api || !options.site) throw new ConfigError('no configuration: give data-site and data-api, or inline config')
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS)
  try {
    const url = `${options.api.replace(/\/$/, '')}/v1/sites/${encodeURIComponent(options.site)}/config`
    const res = await fetch(url, { signal: controller.signal, credentials: 'omit' })
    if (!res.ok) {
      await readToEnd(res)
      throw new ConfigError(`config request failed with HTTP ${res.status}`)
    }
    return fromResponse((await res.json()) as ConfigResponse)
  } finally {
    clearTimeout(timer)
  }
}
