import * as mdwxRender from '@mdwx/render'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { Article } from './corpus.js'
import { median } from './measure.js'

type Attacher = (this: unknown, ...parameters: unknown[]) => unknown
type PluginTuple = [plugin: Attacher, ...parameters: unknown[]]
/** A syntax tree: the bench only hands it from one step to the next. */
type Tree = object

/** What the bench needs of a unified processor, whichever plugins it holds. */
interface AnyProcessor {
  attachers: unknown
  parse(file: VFile): Tree
  run(tree: Tree, file: VFile): Promise<Tree>
  stringify(tree: Tree, file: VFile): unknown
}

/**
 * The plugins a processor was built from, in order. `attachers` is unified's internal list (typed,
 * documented as private): reading it lets the bench rebuild mdwx's exact pipeline with probes in
 * between, instead of keeping a copy of its plugin order that would drift from the real one.
 */
function pluginsOf(processor: AnyProcessor): PluginTuple[] {
  const attachers = processor.attachers
  if (!Array.isArray(attachers)) throw new Error('unified no longer exposes `attachers`: update bench/render/pipeline-stages.ts')
  return attachers as PluginTuple[]
}

function processorFrom(plugins: readonly PluginTuple[]): AnyProcessor {
  const processor = unified() as unknown as { use(plugin: Attacher, ...parameters: unknown[]): unknown } & AnyProcessor
  for (const [plugin, ...parameters] of plugins) processor.use(plugin, ...parameters)
  return processor
}

/**
 * mdwx's default pipeline without its limits step: the HTML it would send even for an article
 * that is over the limits (for which `renderMarkdown` returns no HTML), so output sizes are
 * comparable across the whole corpus.
 */
export function createUnlimitedWeixinProcessor(): AnyProcessor {
  return processorFrom(pluginsOf(mdwxRender.createWeixinProcessor()).filter(([plugin]) => plugin !== (mdwxRender.rehypeWeixinLimits as unknown)))
}

export async function processToString(processor: AnyProcessor, markdown: string): Promise<string> {
  const file = new VFile({ value: markdown })
  const tree = await processor.run(processor.parse(file), file)
  return String(processor.stringify(tree, file))
}

export interface Stage {
  name: string
  /** Time spent in this stage over the whole corpus (median of the rounds), in ms. */
  ms: number
}

function nameOf(plugin: Attacher): string {
  for (const [name, value] of Object.entries(mdwxRender)) if (value === plugin) return name
  return plugin.name || 'anonymous plugin'
}

interface Instrumented {
  plugins: PluginTuple[]
  processor: AnyProcessor
  /** Clock readings of the probes: before the first plugin's transformer, then after each plugin. */
  stamps: number[]
  hasTransformer: boolean[]
}

/**
 * The same processor with probe plugins between the real ones: unified runs transformers in
 * order, so each probe stamps the clock as the plugin before it finishes.
 */
function instrument(original: AnyProcessor): Instrumented {
  const plugins = pluginsOf(original)
  const stamps = new Array<number>(plugins.length + 1).fill(0)
  const hasTransformer = plugins.map(() => false)
  const probe = (slot: number): PluginTuple => [() => () => void (stamps[slot] = performance.now())]
  const probed: PluginTuple[] = [probe(0)]
  plugins.forEach(([plugin, ...parameters], index) => {
    const recordingTransformer: Attacher = function (this: unknown, ...given: unknown[]) {
      const transformer = plugin.apply(this, given)
      hasTransformer[index] = typeof transformer === 'function'
      return transformer
    }
    probed.push([recordingTransformer, ...parameters], probe(index + 1))
  })
  return { plugins, processor: processorFrom(probed), stamps, hasTransformer }
}

/** Adds one article's time per stage to `totals`: parse, each plugin, stringify. */
async function timeStages({ plugins, processor, stamps }: Instrumented, markdown: string, totals: number[]) {
  const file = new VFile({ value: markdown })
  stamps.fill(0)
  const start = performance.now()
  const tree = processor.parse(file)
  totals[0]! += performance.now() - start
  try {
    const transformed = await processor.run(tree, file)
    const ran = performance.now()
    processor.stringify(transformed, file)
    totals[plugins.length + 1]! += performance.now() - ran
  } catch (error) {
    // An article over the limits stops the pipeline (`file.fail`); the steps it passed count.
    if (!file.messages.includes(error as never)) throw error
  }
  for (let index = 0; index < plugins.length; index++) {
    if (stamps[index + 1]! >= stamps[index]! && stamps[index]! > 0) totals[index + 1]! += stamps[index + 1]! - stamps[index]!
  }
}

/**
 * Times each step of each processor on the corpus: parsing (with whatever syntax extensions its
 * plugins add), each plugin's transformer, and serialising; plugins that only extend the parser
 * or set the compiler have no transformer and count in parse / stringify. The processors take
 * turns article by article, so load from elsewhere falls on all of them alike.
 */
export async function profileStages(processors: readonly AnyProcessor[], articles: readonly Article[], rounds: number): Promise<Stage[][]> {
  const instrumented = processors.map(instrument)
  const perRound = instrumented.map((): number[][] => [])
  for (let round = 0; round < rounds; round++) {
    const totals = instrumented.map(({ plugins }) => new Array<number>(plugins.length + 2).fill(0))
    for (const [articleIndex, article] of articles.entries()) {
      for (let turn = 0; turn < instrumented.length; turn++) {
        const which = (articleIndex + round + turn) % instrumented.length
        await timeStages(instrumented[which]!, article.markdown, totals[which]!)
      }
    }
    totals.forEach((roundTotals, which) => perRound[which]!.push(roundTotals))
  }
  return instrumented.map(({ plugins, hasTransformer }, which) => {
    const msOf = (slot: number) => median(perRound[which]!.map((totals) => totals[slot]!))
    const stages: Stage[] = [{ name: 'parse', ms: msOf(0) }]
    plugins.forEach(([plugin], index) => {
      if (hasTransformer[index]) stages.push({ name: nameOf(plugin), ms: msOf(index + 1) })
    })
    stages.push({ name: 'stringify', ms: msOf(plugins.length + 1) })
    return stages
  })
}
