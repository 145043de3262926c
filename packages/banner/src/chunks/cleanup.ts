// Script-tag chunk `consentry-cleanup.js`: removal of withdrawn services' cookies and storage keys.
import * as remove from '../cleanup/remove'
import { chunkSlot } from './slot'

chunkSlot()._done(remove)
