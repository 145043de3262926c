/** The four cookie categories, in the order a banner lists them. */
export const CATEGORIES = ['essential', 'functional', 'analytics', 'advertising'] as const
export type Category = (typeof CATEGORIES)[number]

/** Categories a visitor may refuse; `essential` is always granted. */
export const OPTIONAL_CATEGORIES = ['functional', 'analytics', 'advertising'] as const
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number]

/** A visitor's choice per optional category. Essential is implied and never stored. */
export type CategoryChoices = Record<OptionalCategory, boolean>

/** What may run per category right now; `essential` is always `true`. */
export type CategoryGrants = { essential: true } & CategoryChoices

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value)
}

export function isOptionalCategory(value: unknown): value is OptionalCategory {
  return typeof value === 'string' && (OPTIONAL_CATEGORIES as readonly string[]).includes(value)
}

/** Every optional category set to one value: the shape of "accept all" and "reject all". */
export function allCategories(granted: boolean): CategoryChoices {
  return { functional: granted, analytics: granted, advertising: granted }
}
