import type { Texts } from '@consentry/shared'
import { enCore } from './en-core'
import { enDialogs } from './en-dialogs'
import { enRegimes } from './en-regimes'
import { EMBED_TEXTS } from '../gating/placeholder'
import { DECLARATION_TEXTS } from '../declaration/texts'

/**
 * English, every key: the fallback under all other locales (which load on demand from `i18n/<locale>.json`).
 * The script tag's core carries `enCore`, its texts chunk `enRegimes`, its dialogs chunk `enDialogs`, its embeds
 * chunk `EMBED_TEXTS` and its declaration chunk `DECLARATION_TEXTS` with `enCookies` (the part of `enDialogs` it shows).
 */
export const en: Texts = { ...enCore, ...enRegimes, ...enDialogs, ...EMBED_TEXTS, ...DECLARATION_TEXTS }
