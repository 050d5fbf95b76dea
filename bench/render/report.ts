import type { Article } from './corpus.js'
import { fixed, grouped, table, times, verdict } from './format.js'
import { mean, median, percentile, type RendererTiming } from './measure.js'
import { contentCharLimit, type MdwxInspection } from './mdwx-limits.js'
import type { Stage } from './pipeline-stages.js'
import { bareName, mdwxName } from './renderers.js'

/** The goals of issue 2, checked on every run. */
const goals = { timeVsBare: 1.3, outputVsBare: 1.4, codeHeavyOutputVsSource: 4 }
const codeHeavySource = 'es6tutorial'

export interface RenderResults {
  articles: readonly Article[]
  timings: readonly RendererTiming[]
  inspection: MdwxInspection
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)

function timingOf(results: RenderResults, name: string): RendererTiming {
  const timing = results.timings.find((candidate) => candidate.renderer.name === name)
  if (!timing) throw new Error(`No timing for ${name}`)
  return timing
}

function indexesOf(articles: readonly Article[], source?: string): number[] {
  return articles.flatMap((article, index) => (source === undefined || article.source === source ? [index] : []))
}

/** The chosen articles that both renderers rendered without throwing. */
function renderedByBoth(indexes: readonly number[], ...timings: RendererTiming[]): number[] {
  const failed = new Set(timings.flatMap((timing) => timing.errors.map((error) => error.index)))
  return indexes.filter((index) => !failed.has(index))
}

/** Time and output of `timing` over the chosen articles, relative to the bare pipeline's. */
function versusBare(results: RenderResults, timing: RendererTiming, indexes: readonly number[]) {
  const bare = timingOf(results, bareName)
  const rendered = renderedByBoth(indexes, timing, bare)
  const pick = (values: readonly number[]) => sum(rendered.map((index) => values[index]!))
  return {
    time: pick(timing.articleMs) / pick(bare.articleMs),
    output: pick(timing.outputChars) / pick(bare.outputChars),
  }
}

export function overallTable(results: RenderResults): string {
  const all = indexesOf(results.articles)
  const rows = results.timings.map((timing) => {
    const ratio = versusBare(results, timing, all)
    const rendered = renderedByBoth(all, timing)
    const bytes = sum(rendered.map((index) => results.articles[index]!.bytes))
    const articleMs = rendered.map((index) => timing.articleMs[index]!)
    return [
      timing.renderer.name,
      String(timing.rounds),
      fixed(bytes / 1e6 / (sum(articleMs) / 1000), 2),
      fixed(mean(articleMs), 2),
      fixed(percentile(articleMs, 0.95), 2),
      times(ratio.time),
      grouped(sum(rendered.map((index) => timing.outputChars[index]!))),
      times(ratio.output),
      String(timing.errors.length),
    ]
  })
  return table(['renderer', 'rounds', 'MB/s', 'ms/article', 'p95 ms', 'time ×bare', 'output chars', 'chars ×bare', 'errors'], rows)
}

export function bySourceTable(results: RenderResults): string {
  const sources = [...new Set(results.articles.map((article) => article.source))]
  const columns = sources.map((source) => ({ source, indexes: indexesOf(results.articles, source) }))
  const rows = results.timings
    .filter((timing) => timing.renderer.name !== bareName)
    .map((timing) => [
      timing.renderer.name,
      ...columns.map(({ indexes }) => {
        const ratio = versusBare(results, timing, indexes)
        return `${times(ratio.time)} / ${times(ratio.output)}`
      }),
    ])
  return table(['time ×bare / chars ×bare', ...columns.map(({ source, indexes }) => `${source} (${indexes.length})`)], rows)
}

/** Output characters over source characters, per article of the code-heavy source. */
function codeHeavyRatios(results: RenderResults, timing: RendererTiming) {
  return indexesOf(results.articles, codeHeavySource).map((index) => ({
    id: results.articles[index]!.id,
    ratio: timing.outputChars[index]! / results.articles[index]!.chars,
  }))
}

export function codeHeavyTable(results: RenderResults): string {
  const rows = results.timings.map((timing) => {
    const ratios = codeHeavyRatios(results, timing)
    const worst = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a), ratios[0] ?? { id: '–', ratio: Number.NaN })
    return [timing.renderer.name, times(median(ratios.map((entry) => entry.ratio))), times(worst.ratio), worst.id]
  })
  return table(['output chars / source chars', 'median', 'max', 'max at'], rows)
}

export function goalLines(results: RenderResults): string {
  const mdwx = timingOf(results, mdwxName)
  const overall = versusBare(results, mdwx, indexesOf(results.articles))
  const codeHeavy = codeHeavyRatios(results, mdwx).map((entry) => entry.ratio)
  const lines = [
    ['mdwx time ≤ 1.3× bare', times(overall.time), verdict(overall.time <= goals.timeVsBare)],
    ['mdwx output chars ≤ 1.4× bare', times(overall.output), verdict(overall.output <= goals.outputVsBare)],
  ]
  if (codeHeavy.length > 0) {
    const worst = Math.max(...codeHeavy)
    lines.push([
      `${codeHeavySource}: mdwx output ≤ ~4× source chars`,
      `median ${times(median(codeHeavy))}, max ${times(worst)}`,
      verdict(worst <= goals.codeHeavyOutputVsSource),
    ])
  } else {
    lines.push([`${codeHeavySource}: mdwx output ≤ ~4× source chars`, 'no es6tutorial articles in the corpus', '–'])
  }
  return table(['goal', 'measured', ''], lines)
}

export function limitLines(results: RenderResults): string {
  const { articles, inspection } = results
  const refused = indexesOf(articles).filter((index) => inspection.fatalRules[index]!.length > 0)
  const overByCount = indexesOf(articles).filter((index) => inspection.overLimits[index])
  const rules = new Map<string, number>()
  for (const index of refused) for (const rule of new Set(inspection.fatalRules[index])) rules.set(rule, (rules.get(rule) ?? 0) + 1)
  const perSource = (indexes: readonly number[]) =>
    [...new Set(articles.map((article) => article.source))]
      .map((source) => `${source} ${indexes.filter((index) => articles[index]!.source === source).length}`)
      .join(', ')
  const lines = [
    `  mdwx refuses ${refused.length} of ${articles.length} articles (fatal messages)` +
      (refused.length > 0 ? `: ${perSource(refused)}; by rule: ${[...rules].map(([rule, count]) => `${rule} ${count}`).join(', ')}` : ''),
    `  by the bench's own count, ${overByCount.length} articles' mdwx HTML is ≥ ${grouped(contentCharLimit)} characters or ≥ 1 MB` +
      (overByCount.length > 0 ? `: ${perSource(overByCount)}` : ''),
  ]
  if (overByCount.length > 0) lines.push(`    ${overByCount.map((index) => `${articles[index]!.id} (${grouped(inspection.outputChars[index]!)})`).join(', ')}`)
  return lines.join('\n')
}

export function stagesTable(bare: readonly Stage[], mdwx: readonly Stage[]): string {
  const bareTotal = sum(bare.map((stage) => stage.ms))
  const mdwxTotal = sum(mdwx.map((stage) => stage.ms))
  const bareByName = new Map(bare.map((stage) => [stage.name, stage.ms]))
  const rows = mdwx.map((stage) => {
    const bareMs = bareByName.get(stage.name)
    return [
      stage.name,
      bareMs === undefined ? '' : fixed(bareMs, 0),
      fixed(stage.ms, 0),
      `${fixed((100 * stage.ms) / mdwxTotal, 1)}%`,
      times(stage.ms / bareTotal),
    ]
  })
  rows.push(['total', fixed(bareTotal, 0), fixed(mdwxTotal, 0), '100.0%', times(mdwxTotal / bareTotal)])
  return table(['stage', 'bare ms', 'mdwx ms', 'of mdwx', '× bare total'], rows)
}
