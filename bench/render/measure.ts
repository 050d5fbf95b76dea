import { countCodePoints, type Article } from './corpus.js'
import type { Renderer } from './renderers.js'

export interface RendererTiming {
  renderer: Renderer
  /** Timed passes over the whole corpus. */
  rounds: number
  /** Per article: the median of its render times over the rounds, in ms. */
  articleMs: number[]
  /** Per article: code points of the HTML (first timed round); 0 when the render threw (see `errors`). */
  outputChars: number[]
  errors: Array<{ index: number; id: string; message: string }>
}

export interface TimingOptions {
  rounds: number
  /** Told after each round, for a progress line: the renderer's time over the whole corpus. */
  onPass?: (renderer: Renderer, round: number, ms: number) => void
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Nearest-rank percentile, `fraction` in (0, 1]. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}

/** Renders `indexes` of the corpus one after the other, reporting each render's time and result. */
async function renderEach(
  renderer: Renderer,
  articles: readonly Article[],
  indexes: readonly number[],
  record: (index: number, ms: number, html: string | Error) => void,
): Promise<number> {
  const start = performance.now()
  for (const index of indexes) {
    const before = performance.now()
    let html: string | Error
    try {
      html = await renderer.render(articles[index]!.markdown)
    } catch (error) {
      html = error instanceof Error ? error : new Error(String(error))
    }
    record(index, performance.now() - before, html)
  }
  return performance.now() - start
}

// Renderers take turns every this many articles (about a third of a second for the bare
// pipeline): a burst of load from other processes on this 2-core machine then lands on all of
// them alike instead of on whichever had the whole corpus to itself at the time.
const chunkSize = 32

function chunksOf(count: number): number[][] {
  const chunks: number[][] = []
  for (let start = 0; start < count; start += chunkSize) {
    chunks.push(Array.from({ length: Math.min(chunkSize, count - start) }, (_, offset) => start + offset))
  }
  return chunks
}

/**
 * Warm every renderer up on a sample of the corpus, then time `rounds` passes of each over the
 * whole corpus. A pass is cut into chunks; on each chunk the renderers take turns, the first one
 * rotating, so load from elsewhere and collections of garbage spread over all of them.
 * An article's time is the median of its rounds.
 *
 * No forced collection (`gc()`) between turns: measured here, one before each turn made every
 * renderer about 1.7× slower than it is in a process left to collect on its own.
 */
export async function timeRenderers(renderers: readonly Renderer[], articles: readonly Article[], options: TimingOptions): Promise<RendererTiming[]> {
  const all = articles.map((_, index) => index)
  for (const renderer of renderers) await renderEach(renderer, articles, all.filter((index) => index % 8 === 0), () => {})

  const timings = renderers.map<RendererTiming & { samples: number[][] }>((renderer) => ({
    renderer,
    rounds: 0,
    articleMs: [],
    outputChars: new Array<number>(articles.length).fill(0),
    errors: [],
    samples: articles.map(() => []),
  }))
  const chunks = chunksOf(articles.length)
  for (let round = 0; round < options.rounds; round++) {
    const passMs = timings.map(() => 0)
    for (const [chunkIndex, chunk] of chunks.entries()) {
      for (let turn = 0; turn < timings.length; turn++) {
        const slot = (round + chunkIndex + turn) % timings.length
        const timing = timings[slot]!
        passMs[slot]! += await renderEach(timing.renderer, articles, chunk, (index, ms, html) => {
          timing.samples[index]!.push(ms)
          if (round > 0) return
          if (typeof html === 'string') timing.outputChars[index] = countCodePoints(html)
          else timing.errors.push({ index, id: articles[index]!.id, message: html.message })
        })
      }
    }
    timings.forEach((timing, slot) => {
      timing.rounds++
      options.onPass?.(timing.renderer, timing.rounds, passMs[slot]!)
    })
  }
  return timings.map(({ samples, ...timing }) => ({ ...timing, articleMs: samples.map((times) => median(times)) }))
}
