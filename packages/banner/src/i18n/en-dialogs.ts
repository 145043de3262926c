import type { Texts } from '@consentry/shared'
import type { CoreTextKey } from './en-core'
import type { RegimeTextKey } from './en-regimes'
import type { EmbedTextKey } from '../gating/placeholder'
import type { DeclarationTextKey } from '../declaration/texts'
import { enCookies } from './en-cookies'

/** English for the dialogs (preferences center, cookie lists, the US opt-outs): loaded with them. */
export const enDialogs: Omit<Texts, CoreTextKey | RegimeTextKey | EmbedTextKey | DeclarationTextKey> = {
  ...enCookies,
  'preferences.title': 'Privacy preferences',
  'preferences.description': 'Choose which cookies and services may be used. Essential ones are needed for the site to work.',
  'preferences.save': 'Save choices',
  'preferences.close': 'Close',
  'preferences.alwaysOn': 'Always on',
  'preferences.services': 'Services',
  'doNotSell.title': 'Do Not Sell or Share My Personal Information',
  'doNotSell.description':
    'You can opt out of the sale or sharing of your personal information and of targeted advertising. No account or verification is needed.',
  'doNotSell.descriptionNoAds': 'You can opt out of the sale or sharing of your personal information. No account or verification is needed.',
  'doNotSell.optOut': 'Opt out of sale and sharing',
  'doNotSell.confirm': 'Confirm choice',
  'doNotSell.none': 'We do not sell or share your personal information, and we do not use it for cross-context targeted advertising.',
  'doNotSell.honored': 'You have opted out of the sale and sharing of your personal information.',
  'sensitiveLimit.title': 'Limit the use of your sensitive personal information',
  'sensitiveLimit.description':
    'We use some sensitive personal information about you (such as your precise location) for more than providing the services you request. You can limit its use and disclosure to those services.',
  'sensitiveLimit.optOut': 'Limit the use of my sensitive personal information',
  'sensitiveLimit.honored': 'You have limited the use of your sensitive personal information.',
  'toggle.on': 'On',
  'toggle.off': 'Off',
}
