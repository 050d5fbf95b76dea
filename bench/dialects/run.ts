/**
 * `pnpm bench dialects`: what reading the site dialects (callouts, containers, Hexo tags, fence
 * meta, contents, emoji...) costs, against mdwx before it read them (baseline.ts) and the peer.
 *
 * 1. Plain articles pay nothing: the existing Chinese corpus (advanced-java, es6tutorial), which
 *    uses no dialect, rendered by both; the goal is at most 1.02× the time, and the same HTML.
 * 2. The dialect corpora (the Vite guide in VitePress's dialect, Hexo's docs full of tag
 *    plugins): time and output characters of mdwx, of mdwx before (which left the syntax as
 *    text) and of @wenyan-md/core.
 * 3. The characters one callout costs, in each theme.
 */
import * as current from '@mdwx/render'
import { dialectSources, loadChineseArticles, type Article } from '../render/corpus.js'
import { grouped, table, times } from '../render/format.js'
import { timeRenderers, type RendererTiming } from '../render/measure.js'
import { createWenyanRenderer, type Renderer } from '../render/renderers.js'
import { baselineRef, loadBaselineRender } from './baseline.js'

const log = (text = '') => process.stdout.write(`${text}\n`)
const progress = (text: string) => process.stderr.write(`${text}\n`)

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)

function totalsBySource(timing: RendererTiming, articles: readonly Article[], source: string): { ms: number; chars: number } {
  const indexes = articles.flatMap((article, index) => (article.source === source ? [index] : []))
  return { ms: sum(indexes.map((index) => timing.articleMs[index]!)), chars: sum(indexes.map((index) => timing.outputChars[index]!)) }
}

export async function runDialectsBench(options: { rounds?: number; peers?: boolean } = {}): Promise<void> {
  const rounds = options.rounds ?? 5
  log('# Site dialects')
  log()
  const baseline = await loadBaselineRender(progress)
  const notes: string[] = []
  const plain = loadChineseArticles(notes)
  const dialect = loadChineseArticles(notes, dialectSources)
  for (const note of notes) log(`  ! ${note}`)

  const mdwx: Renderer = { name: 'mdwx', render: async (markdown) => (await current.renderMarkdown(markdown)).html }
  const before: Renderer = { name: `mdwx at ${baselineRef} (before the dialects)`, render: async (markdown) => (await baseline.renderMarkdown(markdown)).html }
  const onPass = (renderer: Renderer, round: number, ms: number) => progress(`  ${renderer.name}: pass ${round}/${rounds} ${ms.toFixed(0)} ms`)

  if (plain.length > 0) {
    log(`## Plain articles pay nothing: ${plain.length} articles of advanced-java and es6tutorial, ${rounds} rounds, median per article`)
    log()
    const [now, then] = await timeRenderers([mdwx, before], plain, { rounds, onPass })
    const nowMs = sum(now!.articleMs)
    const thenMs = sum(then!.articleMs)
    let differing = 0
    for (const [index, article] of plain.entries()) {
      const [a, b] = [await mdwx.render(article.markdown), await before.render(article.markdown)]
      if (a !== b) differing++
    }
    log(table(['renderer', 'ms (sum of medians)', 'output characters'], [
      [mdwx.name, nowMs.toFixed(0), grouped(sum(now!.outputChars))],
      [before.name, thenMs.toFixed(0), grouped(sum(then!.outputChars))],
    ]))
    log()
    log(`  time: ${times(nowMs / thenMs)} of before (goal: at most 1.02×); articles whose HTML changed: ${differing} of ${plain.length}`)
    log()
  }

  if (dialect.length > 0) {
    log(`## The dialect corpora: ${dialect.length} pages, ${rounds} rounds, median per article`)
    log()
    const renderers = [mdwx, before]
    const timings = await timeRenderers(renderers, dialect, { rounds, onPass })
    if (options.peers !== false) {
      // Last: it leaves jsdom globals and a large heap behind (bench/render/renderers.ts).
      timings.push(...(await timeRenderers([await createWenyanRenderer()], dialect, { rounds, onPass })))
    }
    const rows: string[][] = []
    for (const { source } of dialectSources) {
      for (const timing of timings) {
        const { ms, chars } = totalsBySource(timing, dialect, source)
        rows.push([`${source}: ${timing.renderer.name}`, ms.toFixed(0), grouped(chars), String(timing.errors.filter((error) => dialect[error.index]!.source === source).length)])
      }
    }
    log(table(['corpus: renderer', 'ms (sum of medians)', 'output characters', 'errors'], rows))
    log()
    const [now, then, peer] = timings.map((timing) => ({ ms: sum(timing.articleMs), chars: sum(timing.outputChars) }))
    log(`  mdwx against before: ${times(now!.ms / then!.ms)} the time, ${times(now!.chars / then!.chars)} the characters (before, the dialects' syntax stayed as text)`)
    if (peer) log(`  mdwx against @wenyan-md/core: ${times(now!.ms / peer.ms)} the time, ${times(now!.chars / peer.chars)} the characters`)
    log()
  }

  log('## What one callout costs, in output characters')
  log()
  const body = '> [!TIP]\n> 这是一段提示的内容。'
  const rows = await Promise.all(
    Object.keys(current.themes).map(async (theme) => {
      const callout = (await current.renderMarkdown(body, { theme })).html
      const quote = (await current.renderMarkdown('> 这是一段提示的内容。', { theme })).html
      const paragraph = (await current.renderMarkdown('这是一段提示的内容。', { theme })).html
      return [theme, grouped([...callout].length - [...paragraph].length), grouped([...quote].length - [...paragraph].length)]
    }),
  )
  log(table(['theme', 'a titled callout around a paragraph', 'a plain quote around it'], rows))
  log()
}
