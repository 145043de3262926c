/** Configuration that cannot be used (missing, malformed, or not reachable): the message names what is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}
