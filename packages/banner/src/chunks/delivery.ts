// Script-tag chunk `consentry-delivery.js`: the outbox that delivers stashed consent records to the API.
import * as outbox from '../delivery/outbox'
import { chunkSlot } from './slot'

chunkSlot()._done(outbox)
