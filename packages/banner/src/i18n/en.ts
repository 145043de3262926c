import type { Texts } from '@consentry/shared'
import { enCore } from './en-core'
import { enDialogs } from './en-dialogs'

/**
 * English, every key: the fallback under all other locales (which load on demand from `i18n/<locale>.json`).
 * The script tag's core carries `enCore` and its dialogs chunk `enDialogs`.
 */
export const en: Texts = { ...enCore, ...enDialogs }
