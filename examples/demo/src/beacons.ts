import { Hono } from 'hono'

export interface Beacon {
  tag: string
  page: string
  at: number
}

/**
 * The demo's stand-in for tracking servers: the fake tags send beacons here, and the inspector and the
 * demo's tests read them back, to show which tags really sent data. Bounded, in memory.
 */
export function beaconRoutes(): Hono {
  const seen: Beacon[] = []
  const app = new Hono()
  app.on(['GET', 'POST'], '/demo/collect', (c) => {
    const tag = (c.req.query('tag') ?? 'unknown').slice(0, 40)
    seen.push({ tag, page: (c.req.query('page') ?? '').slice(0, 200), at: Date.now() })
    if (seen.length > 1000) seen.splice(0, seen.length - 1000)
    return c.body(null, 204)
  })
  app.get('/demo/collected', (c) => c.json({ beacons: seen }))
  app.delete('/demo/collected', (c) => {
    seen.length = 0
    return c.body(null, 204)
  })
  return app
}
