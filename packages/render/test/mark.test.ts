import { remarkWeixinGfm, remarkWeixinMark, renderMarkdown, themes } from '@mdwx/render'
import type { Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { expectInert, expectNoPayload, renderSafe } from './helpers.js'

async function mark(markdown: string): Promise<string> {
  const { html, file } = await renderSafe(markdown, { clean: true })
  expect(file.messages).toEqual([])
  return html
}

describe('remark-weixin-mark: ==highlighted== as <mark>', () => {
  it.each([
    ['==高亮==', '<p><mark>高亮</mark></p>'],
    ['文字==高亮==文字', '<p>文字<mark>高亮</mark>文字</p>'],
    ['a ==b c== d', '<p>a <mark>b c</mark> d</p>'],
    ['a==b==c', '<p>a<mark>b</mark>c</p>'],
    ['（==括号==）', '<p>（<mark>括号</mark>）</p>'],
    ['f(==a==).', '<p>f(<mark>a</mark>).</p>'],
    ['==a\nb==', '<p><mark>a\nb</mark></p>'],
    ['**==粗==**', '<p><strong><mark>粗</mark></strong></p>'],
    ['==**粗**==', '<p><mark><strong>粗</strong></mark></p>'],
    // `=` counts for emphasis as `~` does: ** opens and closes against it between Chinese words.
    ['中文**==重点==**中文', '<p>中文<strong><mark>重点</mark></strong>中文</p>'],
    ['~~==删==~~', '<p><del><mark>删</mark></del></p>'],
    ['==~~删~~==', '<p><mark><del>删</del></mark></p>'],
    ['[==链接==](https://x.org)', '<p><mark>链接</mark><sup>[1]</sup></p>'],
    ['==`code`==', '<p><mark><code>code</code></mark></p>'],
    ['==a== ==b==', '<p><mark>a</mark> <mark>b</mark></p>'],
    ['==a==b==', '<p><mark>a</mark>b==</p>'],
    ['## 标题 ==重点==', '<h2>标题 <mark>重点</mark></h2>'],
    ['- ==项==', '<ul><li><mark>项</mark></li></ul>'],
    ['> ==引==', '<blockquote><p><mark>引</mark></p></blockquote>'],
  ])('%j', async (markdown, html) => {
    expect((await mark(markdown)).replace(/<section>.*<\/section>$/, '')).toBe(html)
  })

  it.each([
    ['x == y', 'spaces around'],
    ['x == y == z', 'spaces around both'],
    ['a==b', 'one run'],
    ['a == b==', 'opener with a space after'],
    ['== a ==', 'spaces inside'],
    ['=a=', 'single ='],
    ['===a===', 'three ='],
    ['====a====', 'four ='],
    ['\\==a==', 'an escaped first ='],
    ['==a\\==', 'an escaped closing ='],
    ['`a==b==c`', 'code span'],
    ['==a\n\nb==', 'across paragraphs'],
    ['==a`b==`', 'a closer inside code'],
    ['<span title="==a==">x</span>', 'an HTML attribute'],
    ['[x](https://x.org/?a==b==c)', 'a link destination'],
    ['见 https://a.org/?q=a==b 和 https://b.org/?q=c==d', 'bare URLs'],
  ])('%j stays text (%s)', async (markdown) => {
    const html = await mark(markdown)
    expect(html).not.toContain('<mark>')
  })

  it('keeps = signs in code blocks and setext underlines as they are', async () => {
    expect(await mark('```\n==a==\n```')).toBe('<pre><code>==a==\n</code></pre>')
    expect(await mark('正文\n\n标题\n==')).toBe('<p>正文</p><h1>标题</h1>')
  })

  it('gives mdast a mark node that remark-rehype makes a <mark>', () => {
    const tree = unified().use(remarkParse).use(remarkWeixinMark).parse('前 ==中== 后') as Root
    const paragraph = tree.children[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children[1]).toMatchObject({
      type: 'mark',
      children: [{ type: 'text', value: '中' }],
      data: { hName: 'mark' },
      position: { start: { offset: 2 }, end: { offset: 7 } },
    })
  })

  it('parses with GFM in either order', () => {
    const markdown = '~~a~~ ==b== **==c==**'
    const one = unified().use(remarkParse).use(remarkWeixinGfm).use(remarkWeixinMark).parse(markdown)
    const other = unified().use(remarkParse).use(remarkWeixinMark).use(remarkWeixinGfm).parse(markdown)
    expect(one).toEqual(other)
  })

  it('keeps what is inside sanitized as anywhere else', async () => {
    const { html, file } = await renderSafe('==<img src=x onerror=alert(1)>== ==<a href="javascript:alert(1)">x</a>== ==<script>alert(1)</script>==', { clean: true })
    expect(file.messages.map((message) => message.ruleId)).toEqual(['link-unsafe'])
    expect(html).toBe('<p><mark><img src="x"></mark> <mark>x</mark> <mark></mark></p>')
    expectNoPayload(html)
  })

  it('writes a <mark> tag written as text as text', async () => {
    const html = await mark('==\\<mark onclick=x\\>==')
    expect(html).toBe('<p><mark>&#x3C;mark onclick=x></mark></p>')
    expectInert(html)
  })

  it('is styled by every theme with a light background that keeps the text colour', async () => {
    for (const theme of Object.keys(themes)) {
      const { html } = await renderMarkdown(new VFile({ path: 'm.md', value: '正文 ==高亮==' }), { theme })
      expect(html, theme).toMatch(/<mark style="[^"]*background:#f[0-9a-f]{5}[^"]*color:inherit[^"]*">高亮<\/mark>/)
    }
  })

  it('is parsed only for documents with ==', async () => {
    // The full pipeline gives the same result for a document without the syntax.
    const { html } = await renderMarkdown('a = b')
    expect(html).toContain('a = b')
  })
})
