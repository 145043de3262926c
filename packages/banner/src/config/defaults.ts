import { isFontList, isHexColor, isRadius, type SiteConfig, type StorageItem } from '@consentry/shared'
import { ConfigError } from './config-error'

export { ConfigError }

type Obj = Record<string, unknown>
type Check = (v: unknown) => boolean

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const re =
  (r: RegExp): Check =>
  (v) =>
    typeof v === 'string' && r.test(v)
const oneOf =
  (...list: string[]): Check =>
  (v) =>
    list.includes(v as string)
const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
const bool: Check = (v) => typeof v === 'boolean'
const text: Check = (v) => typeof v === 'string' && v.length > 0
const list: Check = Array.isArray

/** Reads `o[key]`: its default when absent (`undefined` default = required), ConfigError when invalid. */
function field<T>(o: Obj, key: string, check: Check, path: string, fallback?: T): T {
  const v = o[key]
  if (v === undefined && fallback !== undefined) return fallback
  if (!check(v)) throw new ConfigError(`config.${path}${key} is missing or invalid`)
  return v as T
}
const section = (o: Obj, key: string): Obj => (isObj(o[key]) ? (o[key] as Obj) : {})
const copy = <T extends Obj>(target: T, from: Obj, keys: string[]): T => {
  for (const k of keys) if (from[k] !== undefined) (target as Obj)[k] = from[k]
  return target
}

function storageItem(o: Obj, p: string): StorageItem {
  return copy(
    {
      name: field<string>(o, 'name', text, p),
      match: field(o, 'match', oneOf('exact', 'prefix'), p, 'exact' as const),
      kind: field(o, 'kind', oneOf('cookie', 'local_storage', 'session_storage'), p, 'cookie' as const),
      lifetime: field<StorageItem['lifetime']>(o, 'lifetime', (v) => v === 'session' || int(1, 630_720_000)(v), p),
      description: field<string>(o, 'description', text, p),
      party: field<'first' | 'third'>(o, 'party', oneOf('first', 'third'), p),
      httpOnly: field(o, 'httpOnly', bool, p, false),
    },
    o,
    ['domain'],
  )
}

function service(o: Obj, p: string): SiteConfig['services'][number] {
  return copy(
    {
      id: field<string>(o, 'id', re(/^[a-z0-9][a-z0-9_-]{0,63}$/), p),
      name: field<string>(o, 'name', text, p),
      provider: field<string>(o, 'provider', text, p),
      category: field<SiteConfig['services'][number]['category']>(o, 'category', oneOf('essential', 'functional', 'analytics', 'advertising'), p),
      purpose: field<string>(o, 'purpose', text, p),
      privacyPolicyUrl: field<string>(o, 'privacyPolicyUrl', text, p),
      storage: field<unknown[]>(o, 'storage', list, p, []).map((s, i) => storageItem(isObj(s) ? s : {}, `${p}storage.${i}.`)),
    },
    o,
    ['justification'],
  )
}

/**
 * Applies the same defaults as `siteConfigSchema` (a test compares them) to inline configuration, with small
 * hand-written guards instead of zod. Throws ConfigError on a missing or malformed required field.
 */
export function withDefaults(raw: unknown): SiteConfig {
  if (!isObj(raw)) throw new ConfigError('config must be an object')
  const o = raw
  const controller = section(o, 'controller')
  const policy = section(o, 'policy')
  const jur = section(o, 'jurisdiction')
  const consent = section(o, 'consent')
  const look = section(o, 'appearance')
  const gcm = section(o, 'googleConsentMode')
  return {
    siteId: field(o, 'siteId', re(/^site_[A-Za-z0-9]{4,64}$/), ''),
    name: field(o, 'name', text, ''),
    controller: copy(
      { name: field<string>(controller, 'name', text, 'controller.'), representatives: copy({}, section(controller, 'representatives'), ['eu', 'uk']) },
      controller,
      ['contact'],
    ),
    policy: { revision: field(policy, 'revision', int(1, 2 ** 53), 'policy.'), url: field(policy, 'url', text, 'policy.') },
    categories: field<unknown[]>(o, 'categories', list, '', ['functional', 'analytics', 'advertising']).map((c, i) =>
      field({ c }, 'c', oneOf('functional', 'analytics', 'advertising'), `categories.${i}`),
    ),
    services: field<unknown[]>(o, 'services', list, '', []).map((s, i) => service(isObj(s) ? s : {}, `services.${i}.`)),
    defaultLocale: field(o, 'defaultLocale', text, '', 'en'),
    texts: field(o, 'texts', isObj, '', {}),
    jurisdiction: {
      defaultRegime: field(jur, 'defaultRegime', oneOf('opt_in', 'opt_out', 'notice'), 'jurisdiction.', 'opt_in' as const),
      rules: field(jur, 'rules', isObj, 'jurisdiction.', {}),
      promptUnderOptOut: field(jur, 'promptUnderOptOut', bool, 'jurisdiction.', true),
    },
    dataPractices: {
      sellsOrShares: field(section(o, 'dataPractices'), 'sellsOrShares', bool, 'dataPractices.', true),
      usesSensitiveInformation: field(section(o, 'dataPractices'), 'usesSensitiveInformation', bool, 'dataPractices.', false),
    },
    consent: copy(
      {
        lifetimeDays: field(consent, 'lifetimeDays', int(1, 395), 'consent.', 365),
        perServiceChoice: field(consent, 'perServiceChoice', bool, 'consent.', true),
        cookieName: field(consent, 'cookieName', re(/^[A-Za-z0-9_-]{1,64}$/), 'consent.', 'consentry'),
        serverCookie: field(consent, 'serverCookie', bool, 'consent.', false),
      },
      { cookieDomain: field(consent, 'cookieDomain', re(/^\.?[a-z0-9.-]+$/), 'consent.', '') || undefined },
      ['cookieDomain'],
    ),
    appearance: {
      layout: field(look, 'layout', oneOf('bar', 'box', 'modal'), 'appearance.', 'bar' as const),
      theme: field(look, 'theme', oneOf('light', 'dark', 'auto'), 'appearance.', 'auto' as const),
      accentColor: field(look, 'accentColor', isHexColor, 'appearance.', '#1d4ed8'),
      radius: field(look, 'radius', isRadius, 'appearance.', 8),
      font: field(look, 'font', isFontList, 'appearance.', 'system-ui, sans-serif'),
      reopenButton: field(look, 'reopenButton', bool, 'appearance.', true),
      essentialOnlyNotice: field(look, 'essentialOnlyNotice', bool, 'appearance.', true),
    },
    googleConsentMode: {
      enabled: field(gcm, 'enabled', bool, 'googleConsentMode.', true),
      waitForUpdateMs: field(gcm, 'waitForUpdateMs', int(0, 10_000), 'googleConsentMode.', 500),
      adsDataRedaction: field(gcm, 'adsDataRedaction', bool, 'googleConsentMode.', true),
      urlPassthrough: field(gcm, 'urlPassthrough', bool, 'googleConsentMode.', false),
    },
  }
}
