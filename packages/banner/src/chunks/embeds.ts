// Script-tag chunk `consentry-embeds.js`: click-to-load placeholders, loaded when the page has a gated iframe.
import * as embeds from '../gating/embeds'
import { chunkSlot } from './slot'

chunkSlot()._done(embeds)
