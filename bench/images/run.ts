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
  /** Timed rounds per image and contender (at least; fast images get more); the fastest counts. Default 5. */
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
  rounds: number
  /** Fastest of the rounds, for mdwx and the floor. */
  ms: number
  floorMs: number
  ratio: number
  naive: { ms: number; ratio: number; result: NaiveResult } | undefined
  accepted: boolean
  clean: boolean
}

/** Fast images get more rounds (up to 5× as many): a short run is more easily disturbed. */
const TARGET_ROUND_MS = 150

export async function runImagesBench(options: ImagesBenchOptions = {}): Promise<void> {
  const rounds = options.rounds ?? 5
  const peers = options.peers ?? true
  const print = (line = ''): void => void process.stdout.write(`${line}\n`)
  print(`\n## images: normalisation (fastest of at least ${rounds} rounds per image)\n`)
  const set = await generateImageSet()
  const rows: Row[] = []
  for (const image of set) {
    // Warm-up run, untimed: the first call of each codec loads libraries.
    const out = await normalizeImage(image.data, { filename: image.name })
    const warmFloor = await timeOnce(() => floorEncode(image.data, out.format, MAX_WIDTH))
    const imageRounds = Math.min(rounds * 5, Math.max(rounds, Math.ceil((rounds * TARGET_ROUND_MS) / warmFloor.ms)))
    const ours: number[] = []
    const floor: number[] = []
    const naive: number[] = []
    let naiveResult: NaiveResult | undefined
    // Each round runs the contenders back to back. Work by other processes only ever adds time,
    // so the fastest round of each is the closest to its own cost (as timeit does).
    for (let round = 0; round < imageRounds; round++) {
      ours.push((await timeOnce(() => normalizeImage(image.data, { filename: image.name }))).ms)
      floor.push((await timeOnce(() => floorEncode(image.data, out.format, MAX_WIDTH))).ms)
      if (peers) {
        const timed = await timeOnce(() => naiveQualityLoop(image.data, MAX_BYTES))
        naive.push(timed.ms)
        naiveResult = timed.result
      }
    }
    const floorMs = Math.min(...floor)
    rows.push({
      name: image.name,
      inBytes: image.data.length,
      out,
      rounds: imageRounds,
      ms: Math.min(...ours),
      floorMs,
      ratio: Math.min(...ours) / floorMs,
      naive: naiveResult === undefined ? undefined : { ms: Math.min(...naive), ratio: Math.min(...naive) / floorMs, result: naiveResult },
      accepted: weixinAccepts(out),
      clean: await metadataFree(out.data),
    })
  }
  printTable(rows, print)
  for (const image of set) print(`  ${image.name.padEnd(16)} ${image.what}`)
  print()
  print('  floor: one decode + one encode to the same output format and width (JPEG q80; PNG; an animated GIF decoded and re-encoded)')
  print('  naive: JPEG at q90, then q80, q70… until under 1,000,000 bytes, width reduced by 20 % only after q10 (the peers\' loop)')
  print('  ms: the fastest round (each round runs mdwx, the floor and the naive loop back to back); ×floor: that time ÷ the floor\'s')
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
  const header = ['image', 'in', 'out', 'bytes', 'size', 'api', 'enc', 'rounds', 'ms', 'floor ms', '×floor', 'naive enc', 'naive ms', '×floor', 'weixin', 'no meta']
  const lines = rows.map((row) => [
    row.name,
    kilobytes(row.inBytes),
    row.out.format,
    kilobytes(row.out.bytes),
    `${row.out.width}×${row.out.height}`,
    row.out.api,
    String(row.out.encodes),
    String(row.rounds),
    row.ms.toFixed(0),
    row.floorMs.toFixed(0),
    row.ratio.toFixed(2),
    row.naive === undefined ? '-' : String(row.naive.result.encodes),
    row.naive === undefined ? '-' : row.naive.ms.toFixed(0),
    row.naive === undefined ? '-' : row.naive.ratio.toFixed(2),
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
  const ratios = rows.map((row) => row.ratio)
  const accepted = rows.filter((row) => row.accepted).length
  print(`accepted by Weixin's rules: ${accepted}/${rows.length} (goal: all)`)
  print(`mdwx ÷ floor: median ${median(ratios).toFixed(2)}×, worst ${Math.max(...ratios).toFixed(2)}× (goals: ≤ 1.5×, ≤ 3×)`)
  const encodes = rows.map((row) => row.out.encodes)
  print(`encodes: ${encodes.filter((n) => n <= 1).length}/${rows.length} images in at most one, worst ${Math.max(...encodes)} (goal: ≤ 3)`)
  const naive = rows.flatMap((row) => (row.naive === undefined ? [] : [row.naive.ratio]))
  if (naive.length > 0) print(`naive loop ÷ floor: median ${median(naive).toFixed(2)}×, worst ${Math.max(...naive).toFixed(2)}×`)
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(0)} kB`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runImagesBench()
