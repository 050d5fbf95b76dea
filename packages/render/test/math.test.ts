import { renderMarkdown, rehypeWeixinMath, remarkWeixinMath } from '@mdwx/render'
import { fromHtml } from 'hast-util-from-html'
import type { Element, Nodes } from 'hast'
import type { Nodes as MdastNodes } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { syntaxOf } from '../src/document-syntax.js'

function svgs(html: string): string[] {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? []
}

async function render(markdown: string, options: Parameters<typeof renderMarkdown>[1] = {}) {
  return renderMarkdown(new VFile({ path: 'posts/math.md', value: markdown }), options)
}

function elements(node: Nodes, found: Element[] = []): Element[] {
  if (node.type === 'element') found.push(node)
  if ('children' in node) for (const child of node.children) elements(child, found)
  return found
}

/**
 * The tree's inline content in order, for short assertions: text as is, an inline formula as
 * `⟦tex⟧`, display math as `⟦⟦tex⟧⟧`, other nodes as `<type>`.
 */
async function parsed(markdown: string): Promise<string[]> {
  const processor = unified().use(remarkParse).use(remarkWeixinMath)
  const file = new VFile({ value: markdown })
  const tree = await processor.run(processor.parse(file), file)
  const pieces: string[] = []
  const walk = (node: MdastNodes): void => {
    if (node.type === 'text') pieces.push(node.value)
    else if (node.type === 'inlineMath') pieces.push(`⟦${node.value}⟧`)
    else if (node.type === 'math') pieces.push(`⟦⟦${node.value}⟧⟧`)
    else if (node.type !== 'root' && node.type !== 'paragraph') pieces.push(`<${node.type}>`)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree as MdastNodes)
  return pieces
}

// Each case is what pandoc 2.17 (`-f markdown`) makes of it, but for those marked "not Pandoc".
describe("remark-weixin-math: Pandoc's dollar rule, in the tokenizer", () => {
  it.each([
    ['prices stay text', '价格在 $5 到 $10 之间', ['价格在 $5 到 $10 之间']],
    ['not Pandoc: no Chinese sentence punctuation in a formula', '价格在 $5 到 $10 之间，这不是公式；$x$ 是', ['价格在 $5 到 $10 之间，这不是公式；', '⟦x⟧', ' 是']],
    ['not Pandoc: Chinese punctuation inside \\text{} is fine', '$\\text{共，计}x$', ['⟦\\text{共，计}x⟧']],
    ['the Markdown between two prices is parsed', '$5 **粗** $10', ['$5 ', '<strong>', '粗', ' $10']],
    ['a formula after a price', '花了 $5，公式 $x$', ['花了 $5，公式 ', '⟦x⟧']],
    ['a digit right after the closing $', '$x$5', ['$x$5']],
    ['... then the next $ is tried', '$x$5 and $y$', ['$x$5 and ', '⟦y⟧']],
    ['thousands', '$1,000 and $2,000', ['$1,000 and $2,000']],
    ['a space after the opening $', '$ x$', ['$ x$']],
    ['an ideographic space after the opening $', '$\u3000x$', ['$\u3000x$']],
    ['a space before the closing $', '$x $', ['$x $']],
    ['an ideographic space before the closing $ (not Pandoc: its manual, not its code)', '$x\u3000$', ['$x\u3000$']],
    ['an escaped dollar', '\\$x$', ['$x$']],
    ['escaped dollars around', 'escaped \\$x\\$', ['escaped $x$']],
    ['an escaped dollar, then a formula', '\\$$x$', ['$', '⟦x⟧']],
    ['a backslash takes the next character inside', '$a\\$b$', ['⟦a\\$b⟧']],
    ['\\text{} may hold dollars', '$\\text{共 $5}$', ['⟦\\text{共 $5}⟧']],
    ['an unclosed \\text{ holds none', '$\\text{共 {a} $5$', ['$\\text{共 {a} ', '⟦5⟧']],
    ['two formulas back to back', '$x$$y$', ['⟦x⟧', '⟦y⟧']],
    ['punctuation after the closing $', '$x$，然后', ['⟦x⟧', '，然后']],
    ['a formula over a line break', 'a $x +\ny$ b', ['a ', '⟦x +\ny⟧', ' b']],
    ['not over a blank line', 'a $x\n\ny$ b', ['a $x', 'y$ b']],
    ['not with the closing $ first on the next line', 'a $x\n$ b', ['a $x\n$ b']],
    ['inside emphasis and links', '*$x$* [$y$](u)', ['<emphasis>', '⟦x⟧', ' ', '<link>', '⟦y⟧']],
    ['code spans and formulas: whichever starts first', '`$x$` $a`b$', ['<inlineCode>', ' ', '⟦a`b⟧']],
    ['$$…$$ in a sentence is an inline formula', 'a $$ x $$ b', ['a ', '⟦x⟧', ' b']],
    ['a paragraph of only $$…$$ is display math', '$$x^2$$', ['⟦⟦x^2⟧⟧']],
    ['... with spaces inside', '$$ x^2 $$', ['⟦⟦x^2⟧⟧']],
    ['... and a single $ inside', '$$a$b$$', ['⟦⟦a$b⟧⟧']],
    ['$$ fences', '$$\n\\int_0^1 x\\,dx\n$$', ['⟦⟦\\int_0^1 x\\,dx⟧⟧']],
    ['an empty $$ $$ (not Pandoc: an empty formula there)', '$$ $$', ['$$ $$']],
    ['$$ without its closing $$: the second $ may open', '$$x$ y', ['$', '⟦x⟧', ' y']],
    ['a third $ is inside $$', '$$$x$$$', ['⟦$x⟧', '$']],
    ['no backslash in $$: the first $$ closes', '$$a\\$$', ['⟦⟦a\\⟧⟧']],
  ])('%s: %j', async (_what, markdown, pieces) => {
    expect(await parsed(markdown)).toEqual(pieces)
  })
})

describe('rehype-weixin-math and remark-weixin-math', () => {
  it('renders $…$ inline as SVG on the baseline, in currentColor, labelled with its TeX', async () => {
    // A formula text cannot show exactly (an accent): E=mc^2 alone is text (text-formula.test.ts).
    const { html, messages } = await render('质能 $\\bar{E}=mc^2$ 方程')
    expect(messages).toEqual([])
    const [svg] = svgs(html)
    expect(svg).toMatch(/^<svg viewBox="[-\d ]+" role="img" aria-label="\\bar\{E\}=mc\^2" style="vertical-align:-[\d.]+ex;width:[\d.]+ex;height:[\d.]+ex">/)
    expect(svg).toContain('fill="currentColor"')
    expect(html).toContain('<p style="margin:1em 0">质能 <svg')
  })

  it('writes nothing Weixin strips or refuses: no id, class, data-*, defs, use, style element, nested group or url(#)', async () => {
    const { html } = await render('$$\n\\begin{aligned} a &= \\sqrt{b^2 + c_1} \\\\ \\color{red}{x} &= \\overline{y} \\end{aligned}\n$$\n\n$\\text{中文}$')
    for (const svg of svgs(html)) {
      expect(svg).not.toMatch(/\s(?:id|class|data-[\w-]+|xlink:href|href)=|<(?:defs|use|style|g|symbol|marker|foreignObject)\b|url\(#/)
    }
    const tree = fromHtml(html, { fragment: true })
    const tags = new Set(elements(tree).filter((element) => ['svg', 'path', 'text'].includes(element.tagName) || element.tagName === 'g').map((element) => element.tagName))
    expect([...tags].sort()).toEqual(['path', 'svg', 'text'])
    // \color keeps its colour; the rest is currentColor.
    expect(html).toContain('fill="red"')
  })

  it.each([
    ['stretched glyphs (nested <svg>)', '\\overline{AB} \\overbrace{a+b}^{n} \\widehat{abc}'],
    ['enclosures (ellipse, rotated arrow)', '\\enclose{circle}{x} \\enclose{updiagonalarrow}{y} \\cancel{z} \\boxed{w}'],
    ['table rules and frames (line, rect, dashes)', '\\begin{array}{|c:c|}\\hline 1&2\\\\\\hline 3&4\\end{array}'],
    ['chemistry (mhchem)', '\\ce{H2O + CO2}'],
    ['cases with Chinese text', 'f(x)=\\begin{cases}1 & x>0\\\\0 & \\text{否则}\\end{cases}'],
  ])('draws %s as paths and text only', async (_what, tex) => {
    const { html, messages } = await render(`$$\n${tex}\n$$`)
    expect(messages).toEqual([])
    const [svg] = svgs(html)
    expect(svg).not.toMatch(/<(?!\/?(?:svg|path|text)\b)[a-z]/)
    expect(svg!.match(/<svg/g)).toHaveLength(1)
  })

  it('draws table rules as strokes, not filled boxes (MathJax sets them in a stylesheet Weixin drops)', async () => {
    const { html } = await render('$$\n\\begin{array}{|c|}\\hline 1\\end{array}\n$$')
    expect(html.match(/<path fill="none" stroke="currentColor" stroke-width="1\d(?:\.\d)?" d="m[-\d ]+[hv][-\d]+">/g)).toHaveLength(3)
  })

  it('merges the glyphs of one colour into one path', async () => {
    const { html } = await render('$\\frac{a+b}{c}$')
    expect(svgs(html)[0]!.match(/<path /g)).toHaveLength(1)
  })

  it('shows display math as a centred block that scrolls sideways, at its full size', async () => {
    const { html } = await render('$$\n\\int_0^1 x^2\\,dx\n$$')
    expect(html).toMatch(/<section style="overflow-x:auto;overflow-y:hidden;text-align:center;margin:1em 0"><svg [^>]*style="width:[\d.]+ex;height:[\d.]+ex;max-width:none">/)
  })

  it('treats a paragraph of only $$…$$ and a `math` fence as display math', async () => {
    for (const markdown of ['$$\\bar{x}$$', '```math\n\\bar{x}\n```']) {
      const { html } = await render(markdown)
      expect(html, markdown).toMatch(/<section style="overflow-x:auto[^"]*"><svg [^>]*aria-label="\\bar\{x\}"/)
    }
  })

  it('keeps TeX backslash escapes: \\, reaches MathJax (a thin space), the label keeps it', async () => {
    const { html } = await render('$\\bar{a}\\,b$')
    expect(html).toContain('aria-label="\\bar{a}\\,b"')
  })

  it("follows Pandoc's dollar rule: prices and a digit after the closing $ stay text", async () => {
    const cases: Record<string, string> = {
      '价格在 $5 到 $10 之间': '价格在 $5 到 $10 之间',
      '$ x$ and $x $': '$ x$ and $x $',
      '$x$5': '$x$5',
      'escaped \\$x\\$': 'escaped $x$',
      '\\$x$': '$x$',
    }
    for (const [markdown, text] of Object.entries(cases)) {
      const { html } = await render(markdown)
      expect(html, markdown).not.toContain('<svg')
      expect(html, markdown).toContain(text)
    }
  })

  // Drawn as text or SVG by rehype-weixin-math: what matters here is that no dollar is left.
  it('keeps the Markdown between two prices, and a formula after a price', async () => {
    const bold = await render('$5 **粗** $10')
    expect(bold.html).toContain('$5 <strong')
    expect(bold.html).toContain('粗</strong> $10')
    const after = await render('花了 $5，公式 $x$')
    expect(after.messages).toEqual([])
    expect(after.html).toContain('花了 $5，公式 <')
    expect(after.html).not.toContain('$x')
  })

  it('draws a formula written over a line break, not one over a blank line', async () => {
    expect((await render('a $x +\ny$ b')).html).not.toContain('$')
    const { html } = await render('a $x\n\ny$ b')
    expect(html).toContain('a $x</p>')
    expect(html).toContain('y$ b</p>')
  })

  it('keeps a formula MathJax cannot read as code, with a positioned warning (math-invalid)', async () => {
    const { html, messages } = await render('Bad $\\frac{a$ here.\n\n$$\n\\foo\n$$\n')
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal ? 'error' : 'warning'}`)).toEqual([
      '1:5 math-invalid warning',
      '3:1 math-invalid warning',
    ])
    expect(String(messages[0]!.reason)).toContain('Missing close brace')
    expect(String(messages[1]!.reason)).toContain('Undefined control sequence \\foo')
    expect(html).toContain('\\frac{a</code>')
    expect(html).toContain('\\foo')
    expect(messages[0]!.file).toBe('posts/math.md')
  })

  it('refuses an equation number (\\tag), which MathJax places against the page width: a warning, the TeX kept', async () => {
    const { html, messages } = await render('$$\nE=mc^2 \\tag{1}\n$$')
    expect(messages.map((m) => m.ruleId)).toEqual(['math-invalid'])
    expect(String(messages[0]!.reason)).toContain('could not be drawn for Weixin (an equation number (\\tag)')
    expect(html).toContain('\\tag{1}')
  })

  it("option math: 'image' draws each formula as an <img> of its SVG, for the image resolver to upload", async () => {
    const resolved: string[] = []
    const { html, images } = await render('$E=mc^2$ and $$x$$', {
      math: 'image',
      resolveImage: (ref) => {
        resolved.push(ref.src.slice(0, 26))
        return `https://mmbiz.qpic.cn/${ref.index}.png`
      },
    })
    expect(resolved).toEqual(['data:image/svg+xml;base64,', 'data:image/svg+xml;base64,'])
    expect(images.map((image) => [image.alt, image.drawn])).toEqual([['E=mc^2', 'formula'], ['x', 'formula']])
    expect(html).toMatch(/<img src="https:\/\/mmbiz.qpic.cn\/0.png" alt="E=mc\^2" style="max-width:100%;vertical-align:-[\d.]+ex;width:[\d.]+ex;height:[\d.]+ex">/)
    expect(html).not.toContain('<svg')
    const svg = Buffer.from(/base64,(.*)/.exec((await render('$x$', { math: 'image' })).images[0]!.src)![1]!, 'base64').toString()
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="[\d.]+" height="[\d.]+" viewBox=/)
  })

  it('renders a formula the same the second time: a \\label used before is not "multiply defined"', async () => {
    const markdown = '$$\nx = 1 \\label{eq1}\n$$'
    const first = await render(markdown)
    const second = await render(markdown)
    expect(second.messages).toEqual(first.messages)
    expect(second.html).toBe(first.html)
  })

  it("option math: 'image': the glyphs carry a thin white outline under them, so the picture still reads on the app's dark background", async () => {
    const { images } = await render('$E=mc^2$', { math: 'image' })
    const svg = Buffer.from(/base64,(.*)/.exec(images[0]!.src)![1]!, 'base64').toString()
    expect(svg).toMatch(/^<svg [^>]*stroke="#fff" stroke-width="\d+" stroke-linejoin="round" paint-order="stroke"/)
    expect(svg).toContain('fill="currentColor"')
  })

  it('option math: false leaves dollars as text and the math fence as code', async () => {
    const { html } = await render('$x$\n\n```math\ny\n```', { math: false })
    expect(html).not.toContain('<svg')
    expect(html).toContain('$x$')
    expect(html).toContain('>y<')
  })

  it.each([
    ['YAML', '---\ntitle: 记账\nmath: false\n---'],
    ['TOML', '+++\ntitle = "记账"\nmath = false\n+++'],
  ])('front matter math: false (%s) keeps every $ as written, math fences as code: the math syntax is not registered', async (_kind, frontMatter) => {
    const body = '$x$ and $5 **粗** $10\n\n$$\ny\n$$\n\n```math\nz\n```'
    const markdown = `${frontMatter}\n\n${body}`
    // The parse has no math syntax at all (render-markdown.ts registers what syntaxOf allows).
    expect(syntaxOf(markdown).math).toBe(false)
    expect(syntaxOf(body).math).toBe(true)
    const { html, messages, article } = await render(markdown)
    expect(messages).toEqual([])
    expect(article.math).toBe(false)
    expect(html).not.toContain('<svg')
    expect(html).toContain('$x$ and $5 <strong')
    expect(html).toContain('<p style="margin:1em 0">$$\ny\n$$</p>')
    expect(html).toContain('>z<')
  })

  it.each([
    ['YAML spellings', ['math: False', "'math': false", 'math : false # 公式是价格', 'math: !!bool false']],
    ['TOML spellings', ['math=false', '"math" = false  # 价格']],
  ])('sees front matter math: false in its %s', (kind, lines) => {
    const fence = kind.startsWith('YAML') ? '---' : '+++'
    for (const line of lines) expect(syntaxOf(`${fence}\n${line}\n${fence}\n\n$x$`).math, line).toBe(false)
  })

  it.each([
    ['math: true', '---\nmath: true\n---\n\n$x$'],
    ['a nested YAML key', '---\nparams:\n  math: false\n---\n\n$x$'],
    ['a key of a TOML table', '+++\n[params]\nmath = false\n+++\n\n$x$'],
    ['a quoted "false"', '---\nmath: "false"\n---\n\n$x$'],
    ['a line in the body', '# 标题\n\nmath: false\n\n$x$'],
    ['an unclosed front matter', '---\nmath: false\n\n$x$'],
  ])('keeps the math syntax for %s', (_what, markdown) => {
    expect(syntaxOf(markdown).math).toBe(true)
  })

  it('front matter math of another type is an error at its line (frontmatter-type); formulas stay on', async () => {
    const { html, messages, article } = await render('---\ntitle: t\nmath: "no"\n---\n\n$x$')
    expect(messages.map((m) => `${m.ruleId} ${m.fatal} ${m.line}:${m.column}`)).toEqual(['frontmatter-type true 3:1'])
    expect(String(messages[0]!.reason)).toBe('Front matter key `math` must be true or false, got "no"')
    expect(article.math).toBeUndefined()
    expect(html).not.toContain('$x$')
  })

  it('cuts a long TeX source in the label to 200 characters', async () => {
    const tex = Array.from({ length: 80 }, (_, i) => `x_{${i}}`).join('+')
    const { html } = await render(`$${tex}$`)
    const label = /aria-label="([^"]*)"/.exec(html)![1]!
    expect([...label]).toHaveLength(200)
    expect(label.endsWith('…')).toBe(true)
  })

  it('refuses a bad output option, naming it', () => {
    expect(() => rehypeWeixinMath({ output: 'png' as never })).toThrow(/Expected 'auto', 'svg' or 'image' for output, got "png"/)
  })
})
