import { parseLinks } from '@consentry/shared'
import { el, type Child } from './dom'

/**
 * A configuration text as DOM children: plain runs as text, `[label](https://…)` as links (never parsed as HTML).
 * @example el('p', {}, ...linked('Opt out [here](https://optout.example).'))
 */
export function linked(text: string): Child[] {
  return parseLinks(text).map((part) => (typeof part === 'string' ? part : el('a', { href: part.href, target: '_blank', rel: 'noopener' }, part.label)))
}
