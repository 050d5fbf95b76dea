import { renderMarkdown, rehypeWeixinMath } from '@mdwx/render'
import { fromHtml } from 'hast-util-from-html'
import type { Element, Nodes } from 'hast'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

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

describe('rehype-weixin-math and remark-weixin-math', () => {
  it('renders $…$ inline as SVG on the baseline, in currentColor, labelled with its TeX', async () => {
    const { html, messages } = await render('质能 $E=mc^2$ 方程')
    expect(messages).toEqual([])
    const [svg] = svgs(html)
    expect(svg).toMatch(/^<svg viewBox="[-\d ]+" role="img" aria-label="E=mc\^2" style="vertical-align:-[\d.]+ex;width:[\d.]+ex;height:[\d.]+ex">/)
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
    for (const markdown of ['$$x^2$$', '```math\nx^2\n```']) {
      const { html } = await render(markdown)
      expect(html, markdown).toMatch(/<section style="overflow-x:auto[^"]*"><svg [^>]*aria-label="x\^2"/)
    }
  })

  it('keeps TeX backslash escapes: \\, reaches MathJax (a thin space), the label keeps it', async () => {
    const { html } = await render('$a\\,b$')
    expect(html).toContain('aria-label="a\\,b"')
  })

  it("follows Pandoc's dollar rule: prices and a digit after the closing $ stay text", async () => {
    const cases: Record<string, string> = {
      '价格在 $5 到 $10 之间': '价格在 $5 到 $10 之间',
      '$ x$ and $x $': '$ x$ and $x $',
      '$x$5': '$x$5',
      'escaped \\$x\\$': 'escaped $x$',
    }
    for (const [markdown, text] of Object.entries(cases)) {
      const { html } = await render(markdown)
      expect(html, markdown).not.toContain('<svg')
      expect(html, markdown).toContain(text)
    }
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

  it('front matter math: false keeps one article’s formulas as the text written, math fences as code', async () => {
    const { html, messages } = await render('---\nmath: false\n---\n\n$x$ and\n\n$$\ny\n$$\n\n```math\nz\n```')
    expect(messages).toEqual([])
    expect(html).not.toContain('<svg')
    expect(html).toContain('$x$ and')
    expect(html).toContain('$$')
    expect(html).toContain('>z<')
  })

  it('front matter math of another type is an error naming the key (frontmatter-type)', async () => {
    const { html, messages } = await render('---\nmath: "no"\n---\n\n$x$')
    expect(messages.map((m) => `${m.ruleId} ${m.fatal}`)).toEqual(['frontmatter-type true'])
    expect(String(messages[0]!.reason)).toContain('Front matter key `math` must be true or false, got "no"')
    expect(html).toContain('<svg')
  })

  it('cuts a long TeX source in the label to 200 characters', async () => {
    const tex = Array.from({ length: 80 }, (_, i) => `x_{${i}}`).join('+')
    const { html } = await render(`$${tex}$`)
    const label = /aria-label="([^"]*)"/.exec(html)![1]!
    expect([...label]).toHaveLength(200)
    expect(label.endsWith('…')).toBe(true)
  })

  it('refuses a bad output option, naming it', () => {
    expect(() => rehypeWeixinMath({ output: 'png' as never })).toThrow(/Expected 'svg' or 'image' for output, got "png"/)
  })
})
