import { readFile } from 'node:fs/promises'
import { normalizeImage, type NormalizeOptions } from '@mdwx/images'
import { mapConcurrently } from './concurrency.js'

export interface EncodeFloor {
  ms: number
  /** CPU time of the process meanwhile (user + system, every thread: libvips works on its own). */
  cpuMs: number
  images: number
  /** Full-size encodes done; pictures that passed through unchanged cost 0. */
  encodes: number
  passedThrough: number
  inputBytes: number
  outputBytes: number
}

/**
 * Normalises `files` as publish must (every picture once, `concurrency` at a time): the local part
 * of a publish run that no amount of overlapping can remove. Files are read before the clock starts.
 */
export async function measureEncodeFloor(files: readonly string[], concurrency: number, options: NormalizeOptions = {}): Promise<EncodeFloor> {
  const sources = await Promise.all(files.map((file) => readFile(file)))
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const outputs = await mapConcurrently(sources, concurrency, (data, index) => normalizeImage(data, { ...options, filename: files[index]! }))
  const ms = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    images: outputs.length,
    encodes: outputs.reduce((total, output) => total + output.encodes, 0),
    passedThrough: outputs.filter((output) => output.encodes === 0).length,
    inputBytes: sources.reduce((total, source) => total + source.length, 0),
    outputBytes: outputs.reduce((total, output) => total + output.bytes, 0),
  }
}
