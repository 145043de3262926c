// Script-tag chunk `consentry-us.js`: the GPP and USP encoders, loaded only under US jurisdictions.
import * as us from '../signals/us-cmp-data'
import { chunkSlot } from './slot'

chunkSlot()._done(us)
