/**
 * Resolves in a later task, so start-up work after it does not lengthen the task before it (no long task): the
 * page's own scripts and input run in between. `scheduler.postTask` where the browser has it, else a timeout.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: (fn: () => void) => unknown } }).scheduler
  return new Promise((resolve) => (scheduler?.postTask ? scheduler.postTask(resolve) : setTimeout(resolve, 0)))
}

/**
 * Runs `fn` once the browser has rendered the next frame (a task after its animation frame callbacks), so work done
 * for that frame and work done in `fn` are rendered in two frames, not one. In a background tab, where frames stop,
 * a timeout runs it instead.
 */
export function afterNextFrame(fn: () => void, fallbackMs = 100): void {
  let done = false
  const once = () => void (done || ((done = true), fn()))
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0))
  setTimeout(once, fallbackMs)
}
