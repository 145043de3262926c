// negotiator 1.x ships no types, and @types/negotiator describes 0.6, without the `preferred` option used here.
declare module 'negotiator' {
  export default class Negotiator {
    constructor(request: { headers: Record<string, string | undefined> })
    /** The best of `available` for the request's Accept-Encoding; ties go to the earlier of `preferred`. */
    encoding(available: string[], options?: { preferred?: string[] }): string | undefined
  }
}
