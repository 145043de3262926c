import data from '../../data/services.json' with { type: 'json' }
import { catalogueSchema, type Catalogue } from './catalogue-schema'

/** Our own catalogue of common services (data/services.json), checked against its schema once on load. */
export const CATALOGUE: Catalogue = catalogueSchema.parse(data)
