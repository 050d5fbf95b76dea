import { availableParallelism } from 'node:os'

/**
 * At most `slots` tasks run at once; the others wait in order. Decoded pixels only exist inside
 * a slot, so a folder of 500 photos holds about `slots` decoded images in memory, not 500.
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>
}

export function createLimiter(slots: number): Limiter {
  let running = 0
  const waiting: Array<() => void> = []
  // A finishing task hands its slot straight to the next waiter, so no newcomer can slip in
  // between and make it slots + 1.
  const release = (): void => {
    const next = waiting.shift()
    if (next === undefined) running--
    else next()
  }
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < slots) running++
      else await new Promise<void>((resolve) => waiting.push(resolve))
      try {
        return await task()
      } finally {
        release()
      }
    },
  }
}

/** One decode per core across every `normalizeImage` call in this process. */
export const decodeSlots: Limiter = createLimiter(availableParallelism())
