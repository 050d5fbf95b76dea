import { renderMarkdown } from '@mdwx/render'
import { toHtml } from 'hast-util-to-html'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { maxLength, textFormula } from '../src/math/text-formula.js'

/** The formula's HTML with its spaces spelled out: ␣ a breaking thin space, · a no-break one. */
function drawn(tex: string): string | undefined {
  const nodes = textFormula(tex)
  return nodes && toHtml({ type: 'root', children: nodes }).replaceAll('\u2009', '␣').replaceAll('\u202f', '⍽')
}

describe('textFormula: what text shows exactly', () => {
  it.each([
    ['x^2', '<i>x</i><sup>2</sup>'],
    ['a_i', '<i>a</i><sub><i>i</i></sub>'],
    ['x_{n+1}', '<i>x</i><sub><i>n</i>+1</sub>'],
    ['e^{-x}', '<i>e</i><sup>−<i>x</i></sup>'],
    ['2^{10}', '2<sup>10</sup>'],
    ['x^10', '<i>x</i><sup>1</sup>0'],
    ['\\pi r^2', '<i>πr</i><sup>2</sup>'],
    ['E = mc^2', '<i>E</i>⍽=␣<i>mc</i><sup>2</sup>'],
    ['n \\le m', '<i>n</i>⍽≤␣<i>m</i>'],
    ['x \\geq 0', '<i>x</i>⍽≥␣0'],
    ['a \\ne b', '<i>a</i>⍽≠␣<i>b</i>'],
    ['a \\times b', '<i>a</i>⍽×␣<i>b</i>'],
    ['A \\cdot B', '<i>A</i>⍽·␣<i>B</i>'],
    ['\\alpha + \\beta', '<i>α</i>⍽+␣<i>β</i>'],
    ['\\Delta x', 'Δ<i>x</i>'],
    ['x_1, x_2', '<i>x</i><sub>1</sub>,⍽<i>x</i><sub>2</sub>'],
    ['\\infty', '∞'],
    ['\\pm 1', '±1'],
    ['n \\to \\infty', '<i>n</i>⍽→␣∞'],
    ['f(x) = -x', '<i>f</i>(<i>x</i>)⍽=␣−<i>x</i>'],
    ['(a+b)^2', '(<i>a</i>⍽+␣<i>b</i>)<sup>2</sup>'],
    ['\\sin^2 x', 'sin<sup>2</sup>⍽<i>x</i>'],
    ['O(n \\log n)', '<i>O</i>(<i>n</i>⍽log⍽<i>n</i>)'],
    ['\\log_2 n', 'log<sub>2</sub>⍽<i>n</i>'],
    ["f'(x)", '<i>f</i>′(<i>x</i>)'],
    ["f''", '<i>f</i>″'],
    ['e^{x_i}', '<i>e</i><sup><i>x</i><sub><i>i</i></sub></sup>'],
    ['3.14', '3.14'],
    ['n!', '<i>n</i>!'],
    ['\\max(a, b)', 'max(<i>a</i>,⍽<i>b</i>)'],
    ['a\\,b', '<i>a</i>⍽<i>b</i>'],
  ])('%s is text: %s', (tex, html) => {
    expect(drawn(tex)).toBe(html)
  })

  it.each([
    ['a fraction', '\\frac{1}{2}'],
    ['a root', '\\sqrt{2}'],
    ['a sum', '\\sum_{i=1}^n i'],
    ['an integral', '\\int_0^1 x\\,dx'],
    ['a limit with its script', '\\lim_{n \\to \\infty} a_n'],
    ['a matrix', '\\begin{pmatrix} 1 \\end{pmatrix}'],
    ['\\text', '\\text{面积}'],
    ['an accent', '\\hat{y}'],
    ['a vector arrow', '\\vec{v}'],
    ['stretched delimiters', '\\left( x \\right)'],
    ['a sub- and a superscript on one base (TeX stacks them)', 'x_i^2'],
    ['a prime and a superscript', "f'^2"],
    ['a third level of scripts', 'e^{x^{y^z}}'],
    ['a negative space', 'a \\! b'],
    ['an alignment tab', 'a & b'],
    ['a line break', 'a \\\\ b'],
    ['a braced group outside a script', '{x}'],
    ['an empty script', 'x^{}'],
    ['a script on nothing', '^2'],
    ['a script on an operator', '+^2'],
    ['non-ASCII input', '面积'],
    ['an unknown command', '\\foo'],
    ["a name every object has (Object's own, not the table's)", '\\constructor'],
    ['only a space', '\\,'],
    ['nothing', ' '],
  ])('%s stays SVG: %s', (_what, tex) => {
    expect(textFormula(tex)).toBeUndefined()
  })

  it.each([
    ['a missing script', 'x^'],
    ['a double exponent', 'x^2^3'],
    ['a double subscript', 'x_1_2'],
    ['a prime after a script', "x^2'"],
    ['an unclosed brace', 'x_{n'],
    ['a stray closing brace', 'x}'],
  ])('leaves malformed TeX to MathJax, which reports it (%s)', (_what, tex) => {
    expect(textFormula(tex)).toBeUndefined()
  })

  it(`leaves formulas over ${maxLength} characters to MathJax`, () => {
    const short = 'a + b + c + d + e + f + g + h + i + j'
    expect(short.length).toBeLessThanOrEqual(maxLength)
    expect(textFormula(short)).toBeDefined()
    expect(textFormula(`${short} + k`)).toBeUndefined()
  })

  it('sets no space around operators inside scripts, as TeX does', () => {
    expect(drawn('2^{n-1}')).toBe('2<sup><i>n</i>−1</sup>')
    expect(drawn('x_{i,j}')).toBe('<i>x</i><sub><i>i</i>,<i>j</i></sub>')
  })
})

describe('rehype-weixin-math: text formulas in an article', () => {
  async function render(markdown: string, options: Parameters<typeof renderMarkdown>[1] = {}) {
    return renderMarkdown(new VFile({ path: 'posts/t.md', value: markdown }), options)
  }

  it('draws simple formulas as text and the others as SVG, in one paragraph', async () => {
    const { html, messages } = await render('设 $x^2$ 与 $\\frac{1}{2}$，且 $n \\le m$。')
    expect(messages).toEqual([])
    expect(html).toContain('设 <span><i>x</i><sup>2</sup></span> 与 <svg ')
    expect(html).toContain('且 <span><i>n</i>\u202f≤\u2009<i>m</i></span>。')
    expect(html.match(/<svg /g)).toHaveLength(1)
  })

  it('a single letter is its own <i>, without a wrapper', async () => {
    const { html } = await render('变量 $x$ 和 $\\alpha$')
    expect(html).toContain('变量 <i>x</i> 和 <i>α</i>')
  })

  it('centres a displayed text formula, as the SVG is', async () => {
    const { html } = await render('$$\na^2 + b^2 = c^2\n$$')
    expect(html).toContain('<section style="text-align:center;margin:1em 0"><span><i>a</i><sup>2</sup>')
    expect(html).not.toContain('<svg')
  })

  it("math: 'svg' draws text formulas too (text is exact); math: 'image' makes every formula a picture", async () => {
    expect((await render('$x^2$', { math: 'svg' })).html).toContain('<span><i>x</i><sup>2</sup></span>')
    const { html, images } = await render('$x^2$', { math: 'image' })
    expect(html).not.toContain('<sup>')
    expect(images.map((image) => [image.alt, image.drawn])).toEqual([['x^2', 'formula']])
  })

  it('the limit report names a text formula by its TeX and line, as it does an SVG one', async () => {
    const { messages } = await render(`${'长'.repeat(21_000)}\n\n$x_{n+1}$`)
    const report = messages.find((message) => message.ruleId === 'content-too-long')!
    expect(report.reason).toContain('formula `x_{n+1}` (line 3)')
    // Text is never offered as a picture: it is lighter than one.
    expect(report.reason).not.toContain('--math=image')
  })
})
