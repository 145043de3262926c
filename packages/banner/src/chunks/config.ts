// Script-tag chunk `consentry-config.js`: inline configuration's guards and jurisdiction rules, handed to the core.
import { resolveInline } from '../config/inline'
import { chunkSlot } from './slot'

chunkSlot()._done(resolveInline)
