import { availableParallelism, loadavg } from 'node:os'
import { createWeixinProcessor } from '@mdwx/render'
import { countBySource, loadCorpus } from './corpus.js'
import { fixed, grouped } from './format.js'
import { timeRenderers } from './measure.js'
import { inspectMdwx } from './mdwx-limits.js'
import { profileStages } from './pipeline-stages.js'
import { bareProcessor, createRenderers, mdwxName } from './renderers.js'
import { bySourceTable, codeHeavyTable, goalLines, limitLines, overallTable, stagesTable } from './report.js'

export interface RenderBenchOptions {
  /** Timed passes over the corpus per renderer (the slowest peer runs at most 3). Default 5. */
  rounds?: number
  /** false: time only the bare pipeline and mdwx (the peers take minutes). Default true. */
  peers?: boolean
}

const minimumArticles = 300
const stageRounds = 3

const log = (text = '') => process.stdout.write(`${text}\n`)

/** Prints the render comparison: mdwx, the bare unified pipeline and the peers on the corpus. */
export async function runRenderBench(options: RenderBenchOptions = {}): Promise<void> {
  const rounds = options.rounds ?? 5
  const { articles, notes } = loadCorpus()
  const bytes = articles.reduce((total, article) => total + article.bytes, 0)

  log('# Render')
  log()
  log(`Node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((value) => fixed(value, 2)).join(' ')}`)
  log(`Corpus: ${articles.length} articles, ${fixed(bytes / 1e6, 2)} MB (MB = 10^6 bytes of UTF-8 Markdown)`)
  for (const [source, count] of countBySource(articles)) log(`  ${source}: ${count}`)
  for (const note of notes) log(`  ! ${note}`)
  if (articles.length < minimumArticles) log(`  ! fewer than ${minimumArticles} articles: the figures below are not the ones the goals are set on`)
  if (articles.length === 0) return
  log()

  const renderers = await createRenderers({ peers: options.peers ?? true })
  const timings = await timeRenderers(renderers, articles, {
    rounds,
    onPass: (renderer, round, ms) => process.stderr.write(`  round ${round}: ${renderer.name} ${fixed(ms / 1000, 1)} s\n`),
  })
  const inspection = await inspectMdwx(articles)
  // Over the limits, `renderMarkdown` returns no HTML; compare the HTML it would have sent.
  const mdwxTiming = timings.find((timing) => timing.renderer.name === mdwxName)
  if (mdwxTiming) mdwxTiming.outputChars = inspection.outputChars
  const results = { articles, timings, inspection }

  log(`Renderers (time: median of the rounds; ms/article: each article's median, then mean and p95 over articles)`)
  log(overallTable(results))
  for (const timing of timings) {
    const first = timing.errors[0]
    if (first) log(`  ! ${timing.renderer.name} threw on ${timing.errors.length} articles (left out of its figures), first ${first.id}: ${first.message}`)
    for (const problem of timing.renderer.problems?.() ?? []) log(`  ! ${timing.renderer.name}: ${problem}`)
  }
  log()
  log('By source')
  log(bySourceTable(results))
  log()
  log('Code-heavy articles (es6tutorial): highlighted output size')
  log(codeHeavyTable(results))
  log()
  log('Goals (issue 2)')
  log(goalLines(results))
  log()
  log(`Weixin limits (${grouped(20_000)} characters, 1 MB)`)
  log(limitLines(results))
  log()

  const [bareStages, mdwxStages] = await profileStages([bareProcessor, createWeixinProcessor()], articles, stageRounds)
  log(`Where mdwx's time goes (whole corpus, median of ${stageRounds} rounds; plugins without a transformer count in parse / stringify)`)
  log(stagesTable(bareStages!, mdwxStages!))
  log()
}
