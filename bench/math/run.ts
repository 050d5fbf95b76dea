/**
 * `pnpm bench math`: one technical article with 30 formulas (20 inline, 10 displayed: fractions,
 * sums, an aligned environment, a matrix, Chinese in `\text{}`), rendered by mdwx and by
 * @wenyan-md/core (MathJax to SVG as well), in this process. Prints each one's render time (the
 * median of warm rounds, and the first, cold render with MathJax loading) and the characters of
 * its HTML, and the ratios the goals are set on: faster than wenyan, no more characters.
 */
import { renderMarkdown } from '@mdwx/render'

const inline = [
  'x', 'n', 'a_i', 'x^2', 'O(n)', 'O(\\log n)', 'f(x)', '\\alpha', '\\beta', '\\pi',
  'e^x', 'n!', 'k', 'b^2', 'x_0', 'p', 'q', 'm', 'y', '\\theta',
]
const display = [
  'E = mc^2',
  '\\frac{a}{b} + \\frac{c}{d}',
  '\\sqrt{a^2 + b^2}',
  '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
  '\\begin{aligned} f(x) &= (x+1)^2 \\\\ &= x^2 + 2x + 1 \\end{aligned}',
  '\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}',
  '\\text{面积} = \\pi r^2',
  '\\int_0^1 x\\,dx = \\frac{1}{2}',
  'a^2 + b^2 = c^2',
  '\\lim_{n \\to \\infty} \\frac{1}{n} = 0',
]

function article(): string {
  const parts = ['# 三十个公式', '']
  inline.forEach((tex, index) => parts.push(`第 ${index + 1} 个行内公式是 $${tex}$，它和文字排在同一行。`, ''))
  display.forEach((tex, index) => parts.push(`第 ${index + 1} 个行间公式：`, '', '$$', tex, '$$', ''))
  return parts.join('\n')
}

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
  const markdown = article()
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
