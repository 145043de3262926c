import type { TextKey } from '@consentry/shared'

/** The declaration's own texts (English): the fallback under the visitor's language, shipped in its chunk. */
export type DeclarationTextKey = Extract<TextKey, `declaration.${string}`>
export const DECLARATION_TEXTS: Record<DeclarationTextKey, string> = {
  'declaration.label': 'Cookie declaration',
  'declaration.updated': 'Last updated',
  'declaration.controller': 'Who is responsible',
  'declaration.yourChoice': 'Your choice',
  'declaration.noChoice': 'You have not made a choice yet.',
  'declaration.consentId': 'Your consent ID',
  'declaration.decidedAt': 'Decided on',
  'declaration.change': 'Change your choice',
  'declaration.allowed': 'Allowed',
  'declaration.refused': 'Refused',
  'declaration.necessary': 'Why it is necessary',
  'declaration.kind': 'Type',
  'declaration.cookie': 'Cookie',
  'declaration.localStorage': 'Local storage',
  'declaration.sessionStorage': 'Session storage',
  'declaration.noStorage': 'Stores nothing in your browser.',
}
