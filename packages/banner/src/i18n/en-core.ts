import type { Texts } from '@consentry/shared'

/** English for what the core renders (first layer, corner); the dialogs and embed placeholders bring their own. */
export const enCore = {
  'banner.title': 'We value your privacy',
  'banner.description':
    'We use cookies and similar technologies to run this site, and, with your consent, to remember your settings, measure use and personalise ads. You can change your choice at any time.',
  'banner.acceptAll': 'Accept all',
  'banner.rejectAll': 'Reject all',
  'banner.customize': 'Customize',
  'banner.privacyPolicy': 'Privacy policy',
  'preferences.saved': 'Your choices have been saved.',
  'doNotSell.link': 'Do Not Sell or Share My Personal Information',
  'gpc.honored': 'Opt-out request honored',
  'reopen.label': 'Privacy settings',
} satisfies Partial<Texts>

export type CoreTextKey = keyof typeof enCore
