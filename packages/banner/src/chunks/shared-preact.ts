// Stands in for `preact` and `preact/jsx-runtime` inside chunks (see scripts/build.mjs): the core's copy.
import { chunkSlot } from './slot'

export const { Component, createRef, Fragment, jsx, jsxs } = chunkSlot()._shared
