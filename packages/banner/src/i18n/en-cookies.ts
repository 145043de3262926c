import type { Texts } from '@consentry/shared'

/**
 * English that the preferences center and the cookie declaration both show: the categories, the cookie lists'
 * labels and the controller's. The declaration chunk carries only these, not the rest of the dialogs' English.
 */
export const enCookies = {
  'preferences.cookies': 'Cookies',
  'preferences.cookieName': 'Name',
  'preferences.cookieProvider': 'Provider',
  'preferences.cookiePurpose': 'Purpose',
  'preferences.cookieDuration': 'Lifetime',
  'preferences.cookieParty': 'Party',
  'preferences.firstParty': 'First party',
  'preferences.thirdParty': 'Third party',
  'preferences.session': 'Session',
  'category.essential.name': 'Essential',
  'category.essential.description': 'Needed for the site to work, for example to keep you signed in and to remember this choice.',
  'category.functional.name': 'Functional',
  'category.functional.description': 'Remember your settings and enable extra features such as embedded videos and chat.',
  'category.analytics.name': 'Analytics',
  'category.analytics.description': 'Help us understand how the site is used so we can improve it.',
  'category.advertising.name': 'Advertising',
  'category.advertising.description': 'Show ads that are relevant to you and measure how well they work.',
  'controller.contact': 'Contact',
  'controller.representativeEu': 'Representative in the EU',
  'controller.representativeUk': 'Representative in the UK',
} satisfies Partial<Texts>
