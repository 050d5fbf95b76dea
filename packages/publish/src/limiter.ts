/**
 * At most `limit` tasks at once, started in the order they were asked for (so the first article's
 * images go first and it can be created while later ones upload).
 */
export function createLimiter(limit: number) {
  let running = 0
  const waiting: Array<() => void> = []
  const next = (): void => {
    if (running >= limit) return
    const start = waiting.shift()
    if (start) {
      running++
      start()
    }
  }
  return function run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        // A task that throws before returning its promise must still free its slot and reject,
        // or every task queued behind it waits forever.
        let started: Promise<T>
        try {
          started = task()
        } catch (error) {
          started = Promise.reject(error)
        }
        started
          .then(resolve, reject)
          .finally(() => {
            running--
            next()
          })
      })
      next()
    })
  }
}

export type Limiter = ReturnType<typeof createLimiter>
