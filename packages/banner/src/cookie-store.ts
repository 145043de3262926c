import Cookies from 'js-cookie'
import { decodeConsentCookie, encodeConsentCookie } from '@consentry/shared'
import type { ConsentState } from '@consentry/shared'

export interface CookieOptions {
  name: string
  /** Share across subdomains (`example.com`); omitted means the page's host. */
  domain?: string | undefined
  lifetimeDays: number
}

/** The stored decision, or null when absent or not exactly ours (never trusted then). */
export function readConsentCookie(name: string): ConsentState | null {
  return decodeConsentCookie(Cookies.get(name))
}

function cookieAttributes(options: CookieOptions): Cookies.CookieAttributes {
  // Secure wherever the browser allows it (https, and localhost during development).
  const secure = typeof isSecureContext === 'boolean' ? isSecureContext : location.protocol === 'https:'
  const attributes: Cookies.CookieAttributes = { path: '/', sameSite: 'Lax', secure }
  if (options.domain) attributes.domain = options.domain
  return attributes
}

/** Stores a decision locally first (before any record is sent): Secure, SameSite=Lax, optional domain. */
export function writeConsentCookie(state: ConsentState, options: CookieOptions): void {
  Cookies.set(options.name, encodeConsentCookie(state), { ...cookieAttributes(options), expires: options.lifetimeDays })
}

export function removeConsentCookie(options: CookieOptions): void {
  Cookies.remove(options.name, cookieAttributes(options))
}
