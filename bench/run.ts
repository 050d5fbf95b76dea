/**
 * `pnpm bench [part...] [--rounds N] [--no-peers]`: runs every benchmark part that exists, or the
 * named ones.
 * Each part lives in its own folder with a `run.ts` exporting one function, imported only when
 * that part runs (the peers some parts load are heavy, and a part not written yet is skipped).
 */
import { existsSync } from 'node:fs'

interface Part {
  name: string
  what: string
  folder: string
  /** The function `<folder>/run.ts` exports; it prints its own section. */
  entry: string
}

// In the order they run. Render goes last: the peer it ends with, @wenyan-md/core, leaves DOM
// globals, half a gigabyte of live heap and gigabytes of process memory behind, which would
// weigh on every part after it.
const parts: Part[] = [
  { name: 'cli', what: 'CLI throughput of mdwx convert on the corpus', folder: 'cli', entry: 'runCliBench' },
  { name: 'images', what: 'image normalisation', folder: 'images', entry: 'runImagesBench' },
  { name: 'publish', what: 'the publish pipeline against the emulator', folder: 'publish', entry: 'runPublishBench' },
  { name: 'pushes', what: 'three articles as one push against three single drafts, and the longest chapter split', folder: 'pushes', entry: 'runPushesBench' },
  { name: 'relay', what: 'mdwx relay: 4 clients × 50 articles through one relay with busy faults, and its added latency per call', folder: 'relay', entry: 'runRelayBench' },
  { name: 'screenshot', what: 'mdwx screenshot of a corpus folder, against Playwright\'s straightforward way', folder: 'screenshot', entry: 'runScreenshotBench' },
  { name: 'render', what: 'Markdown → HTML: mdwx, the bare unified pipeline and peers on the corpus', folder: 'render', entry: 'runRenderBench' },
  // After render for the same reason: it ends with @wenyan-md/core too.
  { name: 'dialects', what: 'the site dialects: plain articles against mdwx before them, the dialect corpora against it and the peer, a callout\'s characters', folder: 'dialects', entry: 'runDialectsBench' },
  // After render for the same reason: it ends with @wenyan-md/core too.
  { name: 'math', what: 'a 30-formula article: mdwx and @wenyan-md/core, time and characters', folder: 'math', entry: 'runMathBench' },
]

const runFileOf = (part: Part) => new URL(`./${part.folder}/run.ts`, import.meta.url)

function usage(problem: string): never {
  process.stderr.write(
    `${problem}\nUsage: pnpm bench [${parts.map((part) => part.name).join('|')}]... [--rounds N] [--no-peers]\n` +
      parts.map((part) => `  ${part.name.padEnd(8)} ${part.what}${existsSync(runFileOf(part)) ? '' : ' (not written yet)'}`).join('\n') +
      '\n',
  )
  process.exit(2)
}

/** What every part is given; each uses what applies to it. */
interface PartOptions {
  rounds?: number
  /** false: mdwx against its own baselines only, skipping slow peers (to iterate on mdwx's speed). */
  peers?: boolean
}

function parseArguments(argv: readonly string[]): { chosen: Part[]; options: PartOptions } {
  const chosen: Part[] = []
  const options: PartOptions = {}
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!
    if (argument === '--') continue
    if (argument === '--no-peers') {
      options.peers = false
      continue
    }
    if (argument === '--rounds') {
      const rounds = Number(argv[++index])
      if (!Number.isInteger(rounds) || rounds < 1) usage(`Expected a whole number ≥ 1 for --rounds, got ${argv[index] ?? 'nothing'}`)
      options.rounds = rounds
      continue
    }
    const part = parts.find((candidate) => candidate.name === argument)
    if (!part) usage(`Unknown benchmark part: ${argument}`)
    if (!existsSync(runFileOf(part))) usage(`The ${part.name} benchmark is not written yet (no bench/${part.folder}/run.ts)`)
    chosen.push(part)
  }
  return { chosen, options }
}

const { chosen, options } = parseArguments(process.argv.slice(2))
const toRun = chosen.length > 0 ? chosen : parts.filter((part) => existsSync(runFileOf(part)))
for (const part of toRun) {
  const module = (await import(runFileOf(part).href)) as Record<string, unknown>
  const run = module[part.entry]
  if (typeof run !== 'function') throw new Error(`bench/${part.folder}/run.ts does not export ${part.entry}()`)
  await (run as (options: PartOptions) => Promise<void>)(options)
}
