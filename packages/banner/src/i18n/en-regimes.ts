import type { Texts } from '@consentry/shared'

/**
 * English for the first layer under the opt-out and notice regimes, on essential-only sites, and for its US opt-out
 * links. The core carries the opt-in wording (the strictest regime, and where an unknown location lands); these
 * arrive with the `texts` part when the visitor's regime, location or the site's offer needs them.
 */
export const enRegimes = {
  'banner.optOut.title': 'Your privacy choices',
  'banner.optOut.description': 'We and our partners use cookies and similar technologies for: {purposes}. They are already active.',
  'banner.optOut.sale': 'To opt out of the sale and sharing of your personal information, choose “{reject}” or “{dns}”.',
  'banner.optOut.saleAds': 'To opt out of the sale and sharing of your personal information and of targeted advertising, choose “{reject}” or “{dns}”.',
  'banner.notice.title': 'Cookies on this site',
  'banner.notice.description': 'We use cookies and similar technologies for: {purposes}.',
  'banner.essential.description': 'We use only the cookies this site needs to work; they do not need your consent.',
  'banner.dismiss': 'OK',
  // The first layer's links to the US opt-outs (their statutory titles): loaded for every US visitor.
  'doNotSell.link': 'Do Not Sell or Share My Personal Information',
  'sensitiveLimit.link': 'Limit the Use of My Sensitive Personal Information',
} satisfies Partial<Texts>

export type RegimeTextKey = keyof typeof enRegimes
