import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { photoPixels } from './synthetic.js'

export interface MemoryResult {
  count: number
  mode: 'pool' | 'all'
  seconds: number
  peakRss: number
  sampledPeak: number
  outputBytes: number
}

const run = promisify(execFile)

/**
 * Peak memory while normalising `count` twelve-megapixel photos in one process, measured in a
 * child process (its maximum resident set size, as the kernel counts it).
 */
export async function measureMemory(count: number, modes: ReadonlyArray<'pool' | 'all'>): Promise<MemoryResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'mdwx-bench-images-'))
  try {
    for (let i = 0; i < 4; i++) {
      const pixels = await photoPixels(4000, 3000, 100 + i, 14)
      writeFileSync(join(folder, `base-${i}.jpg`), await sharp(pixels, { raw: { width: 4000, height: 3000, channels: 3 } }).jpeg({ quality: 92 }).toBuffer())
    }
    const child = new URL('./memory-child.ts', import.meta.url).pathname
    const results: MemoryResult[] = []
    for (const mode of modes) {
      const { stdout } = await run(process.execPath, ['--import', import.meta.resolve('tsx'), child, folder, String(count), mode], {
        maxBuffer: 1024 * 1024,
      })
      results.push(JSON.parse(stdout) as MemoryResult)
    }
    return results
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
