/**
 * `pnpm bench math`: one technical article with 30 formulas (20 inline, 10 displayed: fractions,
 * sums, an aligned environment, a matrix, Chinese in `\text{}`), rendered by mdwx and by
 * @wenyan-md/core (MathJax to SVG as well), in this process. Prints each one's render time (the
 * median of warm rounds, and the first, cold render with MathJax loading) and the characters of
 * its HTML, and the ratios the goals are set on: faster than wenyan, no more characters.
 */
import { renderMarkdown } from '@mdwx/render'
// The end-to-end test's article (test/publish-math.test.ts), without its diagrams.
import { mathArticle } from '../../test/support/math-article.js'

interface Measured {
  name: string
  coldMs: number
  warmMs: number
  characters: number
  formulas: number
}

const log = (text = '') => process.stdout.write(`${text}\n`)

async function measure(name: string, render: (markdown: string) => Promise<string>, markdown: string, rounds: number): Promise<Measured> {
  let start = performance.now()
  const html = await render(markdown)
  const coldMs = performance.now() - start
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    start = performance.now()
    await render(markdown)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const formulas = (html.match(/<svg\b/g) ?? []).length
  return { name, coldMs, warmMs: times[times.length >> 1]!, characters: [...html].length, formulas }
}

export async function runMathBench(options: { rounds?: number; peers?: boolean } = {}): Promise<void> {
  const rounds = Math.max(options.rounds ?? 20, 5)
  const markdown = mathArticle({ diagrams: false })
  log('# Math: a 30-formula article')
  log()
  const results: Measured[] = []
  results.push(await measure('mdwx', async (text) => (await renderMarkdown(text)).html, markdown, rounds))
  const asPictures = await measure('mdwx --math=image', async (text) => (await renderMarkdown(text, { math: 'image', resolveImage: () => `http://mmbiz.qpic.cn/mmbiz_png/${'a'.repeat(60)}/0?wx_fmt=png` })).html, markdown, rounds)
  asPictures.formulas = (await renderMarkdown(markdown, { math: 'image' })).images.length
  results.push(asPictures)
  if (options.peers !== false) {
    // Loaded last: it installs jsdom globals (see bench/render/renderers.ts).
    const { renderStyledContent } = await import('@wenyan-md/core/wrapper')
    results.push(await measure('@wenyan-md/core', (text) => renderStyledContent(text), markdown, rounds))
  }
  log(`${rounds} warm rounds each; cold = the first render in this process (MathJax loading included)`)
  log()
  log('| renderer | formulas drawn | warm ms (median) | cold ms | output characters |')
  log('| --- | ---: | ---: | ---: | ---: |')
  for (const r of results) log(`| ${r.name} | ${r.formulas} | ${r.warmMs.toFixed(1)} | ${r.coldMs.toFixed(0)} | ${r.characters.toLocaleString('en-US')} |`)
  const mdwx = results[0]!
  const wenyan = results.find((r) => r.name === '@wenyan-md/core')
  log()
  if (wenyan) {
    log(`Goal: faster than @wenyan-md/core: ${(wenyan.warmMs / mdwx.warmMs).toFixed(2)}× (warm), ${(wenyan.coldMs / mdwx.coldMs).toFixed(2)}× (cold) ${mdwx.warmMs < wenyan.warmMs ? '✔' : '✘'}`)
    log(`Goal: no more characters than @wenyan-md/core: ${(mdwx.characters / wenyan.characters).toFixed(2)}× its characters ${mdwx.characters <= wenyan.characters ? '✔' : '✘'}`)
  }
  log(`Weixin's limit is 20,000 characters: inline SVG ${mdwx.characters < 20_000 ? 'fits' : 'does not fit'}, --math=image ${asPictures.characters < 20_000 ? 'fits' : 'does not fit'}`)
  log()
}
