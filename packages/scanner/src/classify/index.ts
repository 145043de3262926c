/** The pure classification layer: catalogue, Open Cookie Database import and the classifier (no browser, no I/O). */
export { CATALOGUE } from './catalogue'
export { catalogueSchema, catalogueServiceSchema, catalogueItemSchema, lifetimeSchema } from './catalogue-schema'
export type { Catalogue, CatalogueService, CatalogueItem, Lifetime } from './catalogue-schema'
export { importOpenCookieDatabase, parseRetention, OCD_COLUMNS, OCD_CATEGORY_MAP } from './open-cookie-database'
export type { OcdEntry, OcdImport, OcdRejection } from './open-cookie-database'
export { createClassifier, CLASSIFICATION_SOURCES } from './classify'
export type { Classifier, Classification, ClassificationSource, Match } from './classify'
