import { createServer, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { openPostgresStore } from '../src/db/pg-store'

describe('openPostgresStore', () => {
  it('gives up on a server that accepts the connection and never answers, instead of hanging', async () => {
    // A stand-in for a half-dead host: it completes the TCP handshake and then says nothing.
    const sockets: Socket[] = []
    const silent = createServer((socket) => void sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    try {
      await expect(openPostgresStore(`postgres://consentry@127.0.0.1:${port}/consentry`, { connectTimeoutMs: 300 })).rejects.toThrow(/timeout/i)
      expect(sockets.length).toBeGreaterThan(0)
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  }, 10_000)
})
