// Script-tag chunk `consentry-declaration.js`: the cookie declaration, loaded only when the page has a
// `[data-consentry-declaration]` element. Built without Preact and without the dialogs.
import * as declaration from '../declaration/declaration'
import { chunkSlot } from './slot'

chunkSlot()._done(declaration)
