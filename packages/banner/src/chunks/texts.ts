// Script-tag chunk `consentry-texts.js`: English for the opt-out, notice and essential-only first layers.
import { enRegimes } from '../i18n/en-regimes'
import { chunkSlot } from './slot'

chunkSlot()._done(enRegimes)
