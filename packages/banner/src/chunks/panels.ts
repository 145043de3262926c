// Script-tag chunk `consentry-panels.js`: the dialogs, handed to the core that loaded it.
import * as panels from '../ui/panels'
import { chunkSlot } from './slot'

chunkSlot()._done(panels)
