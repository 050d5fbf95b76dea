import { availableParallelism } from 'node:os'
import { normalizeImage } from '@mdwx/images'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
// The limiter is internal; its behaviour is what keeps memory flat, so it is tested directly.
import { createLimiter } from '../src/normalize/limiter.js'
import { photo } from './helpers/pictures.js'

describe('the decode limiter', () => {
  it('runs at most `slots` tasks at once, in order, and frees slots on failure', async () => {
    const limiter = createLimiter(2)
    let running = 0
    let peak = 0
    const started: number[] = []
    const task = (index: number) => async (): Promise<number> => {
      started.push(index)
      running++
      peak = Math.max(peak, running)
      await new Promise((resolve) => setTimeout(resolve, 5))
      running--
      if (index === 1) throw new Error('task 1 fails')
      return index
    }
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((index) => limiter.run(task(index))))
    expect(peak).toBe(2)
    expect(started).toEqual([0, 1, 2, 3, 4, 5])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
  })

  it('bounds normalizeImage across calls: no more sharp tasks at once than cores', async () => {
    const inputs = await Promise.all([1, 2, 3, 4, 5, 6].map((seed) => photo(1600, 1200, seed, 60).png().toBuffer()))
    let peak = 0
    const watch = setInterval(() => (peak = Math.max(peak, sharp.counters().process + sharp.counters().queue)), 1)
    const outputs = await Promise.all(inputs.map((input) => normalizeImage(input)))
    clearInterval(watch)
    expect(outputs.every((output) => output.format === 'jpeg')).toBe(true)
    expect(peak).toBeLessThanOrEqual(availableParallelism())
  })
})
