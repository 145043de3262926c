/**
 * Resolves in a later task, so start-up work after it does not lengthen the task before it (no long task): the
 * page's own scripts and input run in between. `scheduler.postTask` where the browser has it, else a timeout.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: (fn: () => void) => unknown } }).scheduler
  return new Promise((resolve) => (scheduler?.postTask ? scheduler.postTask(resolve) : setTimeout(resolve, 0)))
}
