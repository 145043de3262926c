/** The markup a site drops into its privacy page to show the cookie declaration. */
export const DECLARATION_SELECTOR = '[data-consentry-declaration]'
