/**
 * Every string the banner shows, by key. Site owners override any of them per locale in `texts`.
 * Category names and descriptions use `category.<id>.name` / `category.<id>.description`.
 * First-layer texts come per regime (`banner.*` for opt-in, `banner.optOut.*`, `banner.notice.*`) and may hold
 * placeholders the banner fills: `{purposes}` (the offered categories' `banner.purpose.*`, joined), `{settings}`,
 * `{days}`, `{count}`, `{reject}`, `{dns}`.
 */
export const TEXT_KEYS = [
  'banner.title',
  'banner.description',
  'banner.acceptAll',
  'banner.rejectAll',
  'banner.customize',
  'banner.privacyPolicy',
  'banner.purpose.functional',
  'banner.purpose.analytics',
  'banner.purpose.advertising',
  'banner.withdraw',
  'banner.retention',
  'banner.thirdParties',
  'banner.thirdPartiesLink',
  'banner.optOut.title',
  'banner.optOut.description',
  'banner.optOut.sale',
  'banner.optOut.saleAds',
  'banner.notice.title',
  'banner.notice.description',
  'banner.essential.description',
  'banner.dismiss',
  'preferences.title',
  'preferences.description',
  'preferences.save',
  'preferences.close',
  'preferences.alwaysOn',
  'preferences.services',
  'preferences.cookies',
  'preferences.cookieName',
  'preferences.cookieProvider',
  'preferences.cookiePurpose',
  'preferences.cookieDuration',
  'preferences.cookieParty',
  'preferences.firstParty',
  'preferences.thirdParty',
  'preferences.session',
  'preferences.saved',
  'category.essential.name',
  'category.essential.description',
  'category.functional.name',
  'category.functional.description',
  'category.analytics.name',
  'category.analytics.description',
  'category.advertising.name',
  'category.advertising.description',
  'doNotSell.link',
  'doNotSell.title',
  'doNotSell.description',
  'doNotSell.descriptionNoAds',
  'doNotSell.optOut',
  'doNotSell.confirm',
  'doNotSell.honored',
  'gpc.honored',
  'reopen.label',
  'toggle.on',
  'toggle.off',
  'embed.placeholder',
  'embed.loadOnce',
  'embed.loadAlways',
] as const
export type TextKey = (typeof TEXT_KEYS)[number]
export type Texts = Record<TextKey, string>

export function isTextKey(value: unknown): value is TextKey {
  return typeof value === 'string' && (TEXT_KEYS as readonly string[]).includes(value)
}
