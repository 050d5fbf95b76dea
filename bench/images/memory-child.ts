/**
 * Runs in its own process (so the bench's own memory does not count): normalises `count`
 * distinct 12-megapixel photos and prints the peak resident memory as JSON.
 * argv: <folder with base photos> <count> <pool|all>
 *   pool: a caller that reads the next file when a slot frees (8 in flight);
 *   all:  a caller that starts every photo at once (all inputs in memory before the queue).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { normalizeImage } from '@mdwx/images'

const [folder = '', countArgument = '100', mode = 'pool'] = process.argv.slice(2)
const count = Number(countArgument)
const bases = readdirSync(folder)
  .sort()
  .map((name) => readFileSync(join(folder, name)))

/** A distinct file per index: the base photo with a comment segment naming it, after SOI. */
function photo(index: number): Buffer {
  const base = bases[index % bases.length]!
  const comment = Buffer.from(`photo ${index}`)
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment])
  return Buffer.concat([base.subarray(0, 2), segment, base.subarray(2)])
}

let sampledPeak = 0
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)
}, 10)

const started = performance.now()
let outputBytes = 0
const normalise = async (index: number): Promise<void> => {
  const result = await normalizeImage(photo(index), { filename: `photo-${index}.jpg` })
  outputBytes += result.bytes
}
if (mode === 'all') {
  await Promise.all(Array.from({ length: count }, (_, index) => normalise(index)))
} else {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) await normalise(next++)
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}
clearInterval(sampler)

/**
 * The kernel's high-water mark of this process's resident memory. On Linux it is read from
 * /proc (VmHWM): getrusage's maxRSS survives exec, so a child started by a large parent
 * would report the parent's size.
 */
function peakResident(): number {
  if (existsSync('/proc/self/status')) {
    const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (line !== null) return Number(line[1]) * 1024
  }
  return process.resourceUsage().maxRSS * 1024
}

process.stdout.write(
  JSON.stringify({
    count,
    mode,
    seconds: (performance.now() - started) / 1000,
    peakRss: peakResident(),
    sampledPeak,
    outputBytes,
  }),
)
