/** Bounded pool: at most `concurrency` items in flight; items pushed onto `queue` while running are picked up too. */
export async function runPool<T>(queue: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let active = 0
  let failure: unknown = null
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (failure === null && active < concurrency && queue.length) {
        const item = queue.shift()!
        active++
        work(item)
          .catch((error: unknown) => (failure ??= error))
          .finally(() => {
            active--
            pump()
          })
      }
      if (active === 0 && (queue.length === 0 || failure !== null)) resolve()
    }
    pump()
  })
  if (failure !== null) throw failure
}
