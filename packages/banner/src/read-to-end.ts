/**
 * Reads a fetch answer's body to the end and drops it. Chromium never finishes loading an unread body sent
 * with `Cache-Control: no-store` (every API answer without a cache policy of its own), so the request would
 * stay open and the page never go network-idle; cancelling the body instead shows as a failed request.
 */
export const readToEnd = (res: Response): Promise<unknown> => res.text().catch(() => '')
