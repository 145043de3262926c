// The click-to-load frame gate and its English placeholder texts (`Parts.embeds`).
export { frameGate } from './frames'
export { EMBED_TEXTS } from './placeholder'
