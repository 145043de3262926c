/** Recorded with every consent as `bannerVersion`. Keep in step with package.json. */
export const BANNER_VERSION = '0.1.0'
