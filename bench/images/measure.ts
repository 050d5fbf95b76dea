/** The wall time of one run and its result. */
export interface Timed<T> {
  ms: number
  result: T
}

export async function timeOnce<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now()
  const result = await run()
  return { ms: performance.now() - start, result }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
