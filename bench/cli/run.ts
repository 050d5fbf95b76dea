import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { discoverMarkdown } from '@mdwx/publish'
import { chineseCorpusRoot, chineseSources, repoRoot } from '../render/corpus.js'
import { fixed, table, times, verdict } from '../render/format.js'
import { machineLines } from '../publish/machine.js'
import { timeProcess, type ProcessTime } from './child-process-time.js'

export interface CliBenchOptions {
  /** Runs of each single-process variant (the median is shown). Default 3. */
  rounds?: number
}

const bin = join(repoRoot, 'packages', 'cli', 'dist', 'bin.js')
const withThreads = fileURLToPath(new URL('./convert-with-threads.mjs', import.meta.url))

const log = (text = '') => process.stdout.write(`${text}\n`)

interface Variant {
  name: string
  runs: ProcessTime[]
}

const medianBy = (runs: readonly ProcessTime[]): ProcessTime => [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!
const seconds = (ms: number | undefined) => (ms === undefined ? '–' : `${fixed(ms / 1000, 2)} s`)

function variantRow(variant: Variant): string[] {
  const run = medianBy(variant.runs)
  const cpu = run.userMs === undefined ? undefined : run.userMs + (run.systemMs ?? 0)
  return [variant.name, seconds(run.wallMs), seconds(run.userMs), seconds(run.systemMs), cpu === undefined ? '–' : fixed(cpu / run.wallMs, 2)]
}

/**
 * Prints the CLI throughput of issue 2: `mdwx convert` of the whole corpus as one process against
 * one process per file, and the one process with its render threads forced off and on.
 */
export async function runCliBench(options: CliBenchOptions = {}): Promise<void> {
  const rounds = options.rounds ?? 3
  log('# CLI throughput: mdwx convert')
  log()
  for (const line of machineLines()) log(line)
  const root = chineseCorpusRoot()
  const folders = chineseSources.map((source) => join(root, source.folder)).filter((folder) => existsSync(folder))
  if (folders.length === 0) {
    log(`  ! no corpus at ${root}: set MDWX_CORPUS to the folder that holds advanced-java/ and es6tutorial/ (default ../shared/corpus beside the repository)`)
    log()
    return
  }
  if (!existsSync(bin)) {
    log(`  ! ${bin} is missing: build first (pnpm bench does, with tsc -b)`)
    log()
    return
  }
  const files = await discoverMarkdown(folders)
  log(`Corpus: ${files.length} articles in ${folders.join(', ')} (read in place)`)
  const scratch = await mkdtemp(join(tmpdir(), 'mdwx-bench-cli-'))
  try {
    const convertArgs = (out: string) => [bin, 'convert', ...folders, '--out', out, '--quiet']
    const variants: Variant[] = [
      { name: 'mdwx convert <corpus>: one process (threads as the CLI picks)', runs: [] },
      { name: '  same, library call, render threads off (threads: 0)', runs: [] },
      { name: `  same, library call, render threads on (threads: ${availableParallelism()})`, runs: [] },
    ]
    for (let round = 0; round < rounds; round++) {
      const out = (name: string) => join(scratch, `${name}-${round}`)
      variants[0]!.runs.push(await timeProcess(process.execPath, convertArgs(out('cli')), repoRoot))
      variants[1]!.runs.push(await timeProcess(process.execPath, [withThreads, '0', out('off'), ...folders], repoRoot))
      variants[2]!.runs.push(await timeProcess(process.execPath, [withThreads, String(availableParallelism()), out('on'), ...folders], repoRoot))
      process.stderr.write(`  round ${round + 1}: ${variants.map((variant) => seconds(variant.runs.at(-1)!.wallMs)).join(', ')}\n`)
    }
    const assets = await readdir(join(scratch, 'cli-0', 'assets')).catch(() => [])

    // One file at a time, a process each, as a build script looping over files would.
    const perFile: Variant = { name: `mdwx convert <file>: one process per file (${files.length}, one after another)`, runs: [] }
    let wallMs = 0
    let userMs: number | undefined = 0
    let systemMs: number | undefined = 0
    const perFileFailures: ProcessTime[] = []
    for (const [index, file] of files.entries()) {
      const run = await timeProcess(process.execPath, [bin, 'convert', file.path, '--out', join(scratch, 'each', String(index)), '--quiet'], repoRoot)
      wallMs += run.wallMs
      if (run.exitCode !== 0 && run.exitCode !== 1) perFileFailures.push(run)
      userMs = userMs === undefined || run.userMs === undefined ? undefined : userMs + run.userMs
      systemMs = systemMs === undefined || run.systemMs === undefined ? undefined : systemMs + run.systemMs
      if ((index + 1) % 32 === 0) process.stderr.write(`  one process per file: ${index + 1} of ${files.length} (${seconds(wallMs)})\n`)
    }
    perFile.runs.push({ wallMs, userMs, systemMs, exitCode: 0, stderr: '' })

    log(`  convert also normalises the articles' local images into <out>/assets: ${assets.length} files there after the one-process run`)
    log()
    log(`Wall and CPU time (CPU: the process and all its threads; single-process rows: median of ${rounds} runs by wall time)`)
    log(table(['run', 'wall', 'user CPU', 'system CPU', 'CPU / wall'], [...variants, perFile].map(variantRow)))
    log()

    const single = medianBy(variants[0]!.runs)
    const off = medianBy(variants[1]!.runs)
    const on = medianBy(variants[2]!.runs)
    const cpuOf = (run: ProcessTime) => (run.userMs === undefined ? undefined : run.userMs + (run.systemMs ?? 0))
    const onCores = cpuOf(on) === undefined ? undefined : cpuOf(on)! / on.wallMs
    const singleCores = cpuOf(single) === undefined ? undefined : cpuOf(single)! / single.wallMs
    log(
      table(
        ['goal (issue 2)', 'measured', ''],
        [
          [
            'one process faster than one file at a time',
            `${seconds(single.wallMs)} vs ${seconds(wallMs)}: ${times(wallMs / single.wallMs)} faster` +
              (cpuOf(single) === undefined || userMs === undefined ? '' : ` (CPU ${seconds(cpuOf(single))} vs ${seconds(userMs + (systemMs ?? 0))})`),
            verdict(single.wallMs < wallMs),
          ],
          // Render threads start only on 3 cores or more (publish README, "Render threads"): on 2,
          // rendering on one thread already keeps both cores busy (V8's collector and libvips take
          // the second), so these two rows inform rather than decide.
          ['render threads on vs off (informative on 2 cores)', `${seconds(on.wallMs)} vs ${seconds(off.wallMs)}: ${times(off.wallMs / on.wallMs)}`, '–'],
          [
            'both cores busy, as the CLI picks (CPU / wall > 1.3)',
            singleCores === undefined ? 'no /proc: not measured' : `${fixed(singleCores, 2)} (threads forced on: ${onCores === undefined ? '–' : fixed(onCores, 2)})`,
            singleCores === undefined ? '–' : verdict(singleCores > 1.3),
          ],
        ],
      ),
    )
    // Exit code 1 only says some article cannot be published (the corpus has over-long ones).
    const failedRuns = [...variants.flatMap((variant) => variant.runs).filter((run) => run.exitCode !== 0 && run.exitCode !== 1), ...perFileFailures]
    for (const run of failedRuns.slice(0, 2)) log(`  ! a run ended with exit code ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`)
    log()
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
