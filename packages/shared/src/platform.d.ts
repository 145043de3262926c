// The one platform API the consent model uses, present alike in browsers and Node ≥ 19 (Web Crypto). Declared
// here instead of pulling in the DOM or Node type libraries, so nothing else of either can be used by mistake.
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T }
