import type { Texts } from '@consentry/shared'

/** English for what the core renders (first layer, corner); the dialogs and embed placeholders bring their own. */
export const enCore = {
  'banner.title': 'We value your privacy',
  'banner.description': 'With your consent, we and our partners use cookies and similar technologies for: {purposes}.',
  'banner.purpose.functional': 'remembering your settings and extra features',
  'banner.purpose.analytics': 'measuring how the site is used',
  'banner.purpose.advertising': 'personalised ads and their measurement',
  'banner.withdraw': 'You can withdraw your consent at any time under “{settings}” at the bottom of every page.',
  'banner.retention': 'We keep your choice for {days} days.',
  'banner.thirdParties': 'Third parties involved: {count}.',
  'banner.thirdPartiesLink': 'See the list',
  'banner.acceptAll': 'Accept all',
  'banner.rejectAll': 'Reject all',
  'banner.customize': 'Customize',
  'banner.privacyPolicy': 'Privacy policy',
  'preferences.saved': 'Your choices have been saved.',
  'gpc.honored': 'Opt-out request honored',
  'reopen.label': 'Privacy settings',
} satisfies Partial<Texts>

export type CoreTextKey = keyof typeof enCore
