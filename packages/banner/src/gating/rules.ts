import { own, type EffectiveConsent } from '@consentry/shared'

/** Elements Consentry gates: a category in `data-consentry`, or a service in `data-consentry-service`. */
export const GATED = '[data-consentry],[data-consentry-service]'

export interface Requirement {
  /** Space-separated ids; each must be granted, or refused when written `!id`. */
  tokens: string[]
  /** The ids name services (`data-consentry-service`) rather than categories. */
  services: boolean
  /** Some token is a refusal (`!analytics`): the element is meant for the refused case. */
  refusal: boolean
}

/**
 * What an element waits for. A service attribute wins over a category attribute: the element follows
 * that service's own grant. `data-consentry="!analytics"` marks markup for when analytics is refused.
 */
export function requirement(el: Element): Requirement {
  const service = el.getAttribute('data-consentry-service')
  const tokens = (service ?? el.getAttribute('data-consentry') ?? '').split(/\s+/).filter(Boolean)
  return { tokens, services: service !== null, refusal: tokens.some((t) => t.startsWith('!')) }
}

/** True when every token holds; unknown ids count as refused, and no token at all never runs. */
export function isAllowed(req: Requirement, consent: Pick<EffectiveConsent, 'categories' | 'services'>): boolean {
  const grants: Record<string, boolean> = req.services ? consent.services : consent.categories
  return (
    req.tokens.length > 0 &&
    req.tokens.every((token) => {
      const refused = token.startsWith('!')
      const granted = own(grants, refused ? token.slice(1) : token) === true
      return refused ? !granted : granted
    })
  )
}
