/**
 * The images part of `pnpm bench`: normalises a generated set with mdwx, the floor (one decode +
 * one encode) and the naive quality loop peers use, in the same run; prints one row per image,
 * the median and worst ratios to the floor, and the memory check. Also runs on its own:
 * `npx tsx bench/images/run.ts` (after `pnpm build`, as it imports the built @mdwx/images).
 */
import { pathToFileURL } from 'node:url'
import { normalizeImage, type NormalizedImage } from '@mdwx/images'
import { generateImageSet } from './image-set.js'
import { median, timeOnce } from './measure.js'
import { measureMemory } from './memory.js'
import { floorEncode, naiveQualityLoop, type NaiveResult } from './reference-encoders.js'
import { metadataFree, weixinAccepts } from './weixin-rules.js'

export interface ImagesBenchOptions {
  /** Timed runs per image and contender; the median counts (default 5). */
  rounds?: number
  /** false: skip the naive quality loop. */
  peers?: boolean
}

const MAX_WIDTH = 1920
const MAX_BYTES = 1_000_000
const MEMORY_PHOTOS = 100
const MB = 1024 * 1024

interface Row {
  name: string
  inBytes: number
  out: NormalizedImage
  ms: number
  floorMs: number
  naive: { ms: number; result: NaiveResult } | undefined
  accepted: boolean
  clean: boolean
}

export async function runImagesBench(options: ImagesBenchOptions = {}): Promise<void> {
  const rounds = options.rounds ?? 5
  const peers = options.peers ?? true
  const print = (line = ''): void => void process.stdout.write(`${line}\n`)
  print(`\n## images: normalisation (median of ${rounds} runs per image)\n`)
  const set = await generateImageSet()
  const rows: Row[] = []
  for (const image of set) {
    // Warm-up run, untimed: the first call of each codec loads libraries.
    const out = await normalizeImage(image.data, { filename: image.name })
    await floorEncode(image.data, out.format, MAX_WIDTH)
    const ours: number[] = []
    const floor: number[] = []
    const naive: number[] = []
    let naiveResult: NaiveResult | undefined
    for (let round = 0; round < rounds; round++) {
      ours.push((await timeOnce(() => normalizeImage(image.data, { filename: image.name }))).ms)
      floor.push((await timeOnce(() => floorEncode(image.data, out.format, MAX_WIDTH))).ms)
      if (peers) {
        const timed = await timeOnce(() => naiveQualityLoop(image.data, MAX_BYTES))
        naive.push(timed.ms)
        naiveResult = timed.result
      }
    }
    rows.push({
      name: image.name,
      inBytes: image.data.length,
      out,
      ms: median(ours),
      floorMs: median(floor),
      naive: naiveResult === undefined ? undefined : { ms: median(naive), result: naiveResult },
      accepted: weixinAccepts(out),
      clean: await metadataFree(out.data),
    })
  }
  printTable(rows, print)
  for (const image of set) print(`  ${image.name.padEnd(16)} ${image.what}`)
  print()
  printSummary(rows, print)

  const memory = await measureMemory(MEMORY_PHOTOS, ['pool', 'all'])
  print(`\nmemory, ${MEMORY_PHOTOS} twelve-megapixel JPEGs in one child process (goal: peak < 1 GB):`)
  for (const result of memory) {
    const how = result.mode === 'pool' ? 'caller keeps 8 in flight' : 'caller starts all 100 at once'
    print(
      `  ${how.padEnd(30)} peak RSS ${(result.peakRss / MB).toFixed(0)} MB (sampled ${(result.sampledPeak / MB).toFixed(0)} MB), ` +
        `${result.seconds.toFixed(1)} s, ${(result.seconds * 1000 / result.count).toFixed(0)} ms per photo`,
    )
  }
}

function printTable(rows: readonly Row[], print: (line?: string) => void): void {
  const header = ['image', 'in', 'out', 'bytes', 'size', 'api', 'enc', 'ms', 'floor ms', '×floor', 'naive enc', 'naive ms', '×floor', 'weixin', 'no meta']
  const lines = rows.map((row) => [
    row.name,
    kilobytes(row.inBytes),
    row.out.format,
    kilobytes(row.out.bytes),
    `${row.out.width}×${row.out.height}`,
    row.out.api,
    String(row.out.encodes),
    row.ms.toFixed(0),
    row.floorMs.toFixed(0),
    (row.ms / row.floorMs).toFixed(2),
    row.naive === undefined ? '-' : String(row.naive.result.encodes),
    row.naive === undefined ? '-' : row.naive.ms.toFixed(0),
    row.naive === undefined ? '-' : (row.naive.ms / row.floorMs).toFixed(2),
    row.accepted ? 'ok' : 'REFUSED',
    row.clean ? 'yes' : 'NO',
  ])
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)))
  const format = (cells: readonly string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')
  print(format(header))
  for (const line of lines) print(format(line))
  for (const row of rows) for (const warning of row.out.warnings) print(`  ${row.name}: ${warning}`)
  print()
}

function printSummary(rows: readonly Row[], print: (line?: string) => void): void {
  const ratios = rows.map((row) => row.ms / row.floorMs)
  const accepted = rows.filter((row) => row.accepted).length
  print(`accepted by Weixin's rules: ${accepted}/${rows.length} (goal: all)`)
  print(`mdwx ÷ floor: median ${median(ratios).toFixed(2)}×, worst ${Math.max(...ratios).toFixed(2)}× (goals: ≤ 1.5×, ≤ 3×)`)
  const encodes = rows.map((row) => row.out.encodes)
  print(`encodes: ${encodes.filter((n) => n <= 1).length}/${rows.length} images in at most one, worst ${Math.max(...encodes)} (goal: ≤ 3)`)
  const naive = rows.flatMap((row) => (row.naive === undefined ? [] : [row.naive.ms / row.floorMs]))
  if (naive.length > 0) print(`naive loop ÷ floor: median ${median(naive).toFixed(2)}×, worst ${Math.max(...naive).toFixed(2)}×`)
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(0)} kB`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runImagesBench()
