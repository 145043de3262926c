// Script-tag chunk `consentry-config.js`: the inline-configuration guards, handed to the core that loaded it.
import { withDefaults } from '../config/defaults'
import { chunkSlot } from './slot'

chunkSlot()._done(withDefaults)
