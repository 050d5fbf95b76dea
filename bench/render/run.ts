import { availableParallelism, loadavg } from 'node:os'
import { createWeixinProcessor } from '@mdwx/render'
import { chineseCorpusRoot, countBySource, loadCorpus } from './corpus.js'
import { fixed, grouped } from './format.js'
import { timeRenderers } from './measure.js'
import { inspectMdwx } from './mdwx-limits.js'
import { profileStages } from './pipeline-stages.js'
import { bareProcessor, createRenderers, createWenyanRenderer, mdwxName, rendererOrder, type Renderer } from './renderers.js'
import { bySourceTable, codeHeavyTable, goalLines, limitLines, overallTable, stagesTable } from './report.js'

export interface RenderBenchOptions {
  /** Timed passes over the corpus per renderer (@wenyan-md/core runs at most 3). Default 5. */
  rounds?: number
  /** false: time only the bare pipeline and mdwx (the peers take minutes). Default true. */
  peers?: boolean
}

const minimumArticles = 300
const stageRounds = 3
// @wenyan-md/core takes about 40 s a pass where the others take 2 to 5 s; its ratio needs no more.
const slowPeerRounds = 3

const log = (text = '') => process.stdout.write(`${text}\n`)

/** Prints the render comparison: mdwx, the bare unified pipeline and the peers on the corpus. */
export async function runRenderBench(options: RenderBenchOptions = {}): Promise<void> {
  const rounds = options.rounds ?? 5
  const peers = options.peers ?? true
  const { articles, notes } = loadCorpus()
  const bytes = articles.reduce((total, article) => total + article.bytes, 0)

  log('# Render')
  log()
  log(`Node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((value) => fixed(value, 2)).join(' ')}`)
  log(`Corpus: ${articles.length} articles, ${fixed(bytes / 1e6, 2)} MB (MB = 10^6 bytes of UTF-8 Markdown)`)
  for (const [source, count] of countBySource(articles)) log(`  ${source}: ${count}`)
  log(`  (Chinese corpus: ${chineseCorpusRoot()}; package READMEs: node_modules/.pnpm)`)
  for (const note of notes) log(`  ! ${note}`)
  if (articles.length < minimumArticles) log(`  ! fewer than ${minimumArticles} articles: the figures below are not the ones the goals are set on`)
  if (articles.length === 0) return
  log()

  // Everything that runs in this process is measured before @wenyan-md/core is loaded (see
  // createWenyanRenderer); its time is compared with the bare pipeline's from the first phase.
  const progress = (renderer: Renderer, round: number, ms: number) =>
    process.stderr.write(`  round ${round}: ${renderer.name} ${fixed(ms / 1000, 1)} s\n`)
  const timings = await timeRenderers(createRenderers({ peers }), articles, { rounds, onPass: progress })
  const inspection = await inspectMdwx(articles)
  // Over the limits, mdwx may return no HTML; compare the HTML it would have sent.
  const mdwxTiming = timings.find((timing) => timing.renderer.name === mdwxName)
  if (mdwxTiming) mdwxTiming.outputChars = inspection.outputChars
  const [bareStages, mdwxStages] = await profileStages([bareProcessor, createWeixinProcessor()], articles, stageRounds)
  if (peers) {
    const wenyanRounds = Math.min(rounds, slowPeerRounds)
    timings.push(...(await timeRenderers([await createWenyanRenderer()], articles, { rounds: wenyanRounds, onPass: progress })))
  }
  timings.sort((a, b) => rendererOrder.indexOf(a.renderer.name) - rendererOrder.indexOf(b.renderer.name))
  const results = { articles, timings, inspection }

  log(`Renderers (an article's time is the median of its rounds; MB/s and ×bare compare the sums over articles)`)
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

  log(`Where mdwx's time goes (whole corpus, median of ${stageRounds} rounds; plugins without a transformer count in parse / stringify)`)
  log(stagesTable(bareStages!, mdwxStages!))
  log()
  // Other work on the machine inflates every time alike; the ratios are what to read when it is high.
  log(`Load average at the end: ${loadavg().map((value) => fixed(value, 2)).join(' ')}`)
  log()
}
