import { InvalidOptionError } from '@mdwx/errors'
import { remarkWeixinHeadingAttributes, remarkWeixinTitle, remarkWeixinToc, renderMarkdown } from '@mdwx/render'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { expectInert, expectNoPayload, renderSafe, ruleIds } from './helpers.js'

const render = (markdown: string, options: Parameters<typeof renderMarkdown>[1] = {}) => renderMarkdown(new VFile({ path: 'posts/toc.md', value: markdown }), options)

const article = '# 标题\n\n[[toc]]\n\n## 安装\n\n### 用 npm\n\n### 用 pnpm\n\n#### 太深\n\n## 使用\n\n正文'
const expectedList =
  '<section class="mdwx-toc"><p class="mdwx-toc-title">目录</p><ul><li>安装<ul><li>用 npm</li><li>用 pnpm</li></ul></li><li>使用</li></ul></section>'

/** The contents section of safe HTML (classes kept: the theme has not run). */
function toc(html: string): string | undefined {
  return /<section class="mdwx-toc">.*?<\/ul><\/section>/.exec(html.replace(/\n/g, ''))?.[0]
}

describe('remark-weixin-toc: [[toc]], [TOC], [toc]', () => {
  it.each(['[[toc]]', '[TOC]', '[toc]', '[[TOC]]', '[Toc]', '[[Toc]]'])('%s becomes a contents list of the h2 and h3 headings, as plain text', async (marker) => {
    const { html, file } = await renderSafe(article.replace('[[toc]]', marker))
    expect(toc(html)).toBe(expectedList)
    expect(html).not.toContain('toc]')
    expect(html).not.toContain('<a')
    expect(file.messages).toEqual([])
  })

  it('does not list the article title (the leading # that remark-weixin-title removes), even with levels from 1', async () => {
    const { html: rendered } = await render('# 标题\n\n[toc]\n\n# 第一部分\n\n## 一节', { toc: { levels: [1, 2] } })
    expect(rendered).toMatch(/目录<\/p>/)
    expect(rendered).toContain('第一部分')
    expect(rendered.match(/标题/g)).toBeNull()
    const { html: withFrontMatterTitle } = await render('---\ntitle: 别的标题\n---\n\n[toc]\n\n# 不是标题\n\n## 一节', { toc: { levels: [1, 2] } })
    expect(withFrontMatterTitle.match(/不是标题/g)).toHaveLength(2)
  })

  it('lists headings with their plain text, without {#id} attribute blocks, in either plugin order', async () => {
    const markdown = '[toc]\n\n## `code` *强调* [链接](https://x.org) {#id .c}\n\n## 转义 \\{#kept}\n\n## 标题 {#a} {#b}'
    const lists: string[] = []
    for (const order of [['toc', 'attributes'], ['attributes', 'toc']]) {
      const processor = unified().use(remarkParse)
      for (const name of order) processor.use(name === 'toc' ? remarkWeixinToc : remarkWeixinHeadingAttributes)
      const html = String(await processor.use(remarkRehype).use(rehypeStringify).process(markdown))
      lists.push(/<ul>[\s\S]*<\/ul>/.exec(html)![0])
    }
    expect(lists[0]).toBe(lists[1])
    expect(lists[0]).toBe('<ul>\n<li>code 强调 链接</li>\n<li>转义 {#kept}</li>\n<li>标题 {#a}</li>\n</ul>')
  })

  it('skips the title heading whether remark-weixin-title runs before or after', async () => {
    for (const titleFirst of [true, false]) {
      const processor = unified().use(remarkParse)
      if (titleFirst) processor.use(remarkWeixinTitle).use(remarkWeixinToc, { levels: [1, 3] })
      else processor.use(remarkWeixinToc, { levels: [1, 3] }).use(remarkWeixinTitle)
      const html = String(await processor.use(remarkRehype).use(rehypeStringify).process('# 标题\n\n[toc]\n\n# 一\n\n## 二'))
      expect(/<ul>[\s\S]*<\/ul>/.exec(html)![0].replace(/\n/g, '')).toBe('<ul><li>一<ul><li>二</li></ul></li></ul>')
    }
  })

  it('nests by level, and a deeper heading with no parent before it starts at the top', async () => {
    const { html } = await renderSafe('[toc]\n\n### 先三级\n\n## 二级\n\n### 三级\n\n## 又二级')
    expect(toc(html)).toBe(
      '<section class="mdwx-toc"><p class="mdwx-toc-title">目录</p><ul><li>先三级</li><li>二级<ul><li>三级</li></ul></li><li>又二级</li></ul></section>',
    )
  })

  it('lists only top-level headings, not those in quotes, lists or callouts', async () => {
    const { html } = await renderSafe('[toc]\n\n## 外\n\n> ## 引用里\n\n- ## 列表里\n\n> [!NOTE]\n> ## 提示里')
    expect(toc(html)).toBe('<section class="mdwx-toc"><p class="mdwx-toc-title">目录</p><ul><li>外</li></ul></section>')
  })

  it('levels: [2, 4] lists h4 too; title and language set the title line', async () => {
    const deeper = await render(article, { toc: { levels: [2, 4] } })
    expect(deeper.html).toContain('太深')
    expect((await render(article, { toc: { language: 'en' } })).html).toMatch(/>Contents<\/p>/)
    expect((await render(article, { toc: { title: '本文内容' } })).html).toMatch(/>本文内容<\/p>/)
    const untitled = await render(article, { toc: { title: '' } })
    expect(untitled.html).not.toContain('目录')
    expect(untitled.html).toContain('用 pnpm')
  })

  it('refuses malformed options', () => {
    const attach = (options: unknown) => unified().use(remarkParse).use(remarkWeixinToc, options as never).freeze()
    for (const options of [{ levels: [3, 2] }, { levels: [0, 2] }, { levels: [2, 7] }, { levels: 2 }, { levels: [2.5, 3] }, { language: 'fr' }, { title: 3 }]) {
      expect(() => attach(options), JSON.stringify(options)).toThrow(InvalidOptionError)
    }
  })

  it('removes the marker with an info message (toc-empty) when there is no heading to list', async () => {
    const { html, file } = await renderSafe('前言\n\n[[toc]]\n\n正文\n\n#### 太深的标题')
    expect(html).not.toContain('toc')
    expect(html).not.toContain('目录')
    expect(ruleIds(file)).toEqual(['toc-empty'])
    expect(file.messages[0]).toMatchObject({ line: 3, column: 1, fatal: undefined })
    expect(file.messages[0]?.reason).toContain('[[toc]]')
  })

  it('leaves a marker in a sentence, escaped, in code, or a link to a [toc]: definition as written', async () => {
    const cases: Array<[string, string]> = [
      ['见 [toc] 一节\n\n## 一', '见 [toc] 一节'],
      ['\\[toc]\n\n## 一', '[toc]'],
      ['\\[\\[toc]]\n\n## 一', '[[toc]]'],
      ['`[toc]`\n\n## 一', '<code>[toc]</code>'],
      ['```\n[[toc]]\n```\n\n## 一', '[[toc]]'],
      // A link, which becomes a numbered reference.
      ['[toc]\n\n## 一\n\n[toc]: https://x.org/toc', '<p>toc<sup class="mdwx-ref">[1]</sup></p>'],
      ['[TOC] [TOC]\n\n## 一', '[TOC] [TOC]'],
    ]
    for (const [markdown, kept] of cases) {
      const { html } = await renderSafe(markdown)
      expect(toc(html), markdown).toBeUndefined()
      expect(html, markdown).toContain(kept)
    }
  })

  it('replaces every marker, in quotes and list items too', async () => {
    const { html } = await renderSafe('[toc]\n\n> [toc]\n\n- [toc]\n\n## 一')
    expect(html.match(/<section class="mdwx-toc">/g)).toHaveLength(3)
  })

  it('writes headings holding HTML as the text a reader sees: no element, no attribute, nothing the sanitizer drops', async () => {
    const markdown = '[toc]\n\n## 标题 <img src=x onerror=alert(1)> 后\n\n## <a href="javascript:alert(1)">链接</a>\n\n## <b onclick="alert(1)">粗</b>体\n\n## <script>alert(1)</script>脚本 <style>*{}</style>'
    const { html } = await renderSafe(markdown, { clean: true })
    const list = /<ul>.*?<\/ul>/.exec(html)![0]
    expect(list).toBe('<ul><li>标题 后</li><li>链接</li><li>粗体</li><li>脚本</li></ul>')
    expectNoPayload(list)
    expectInert(html)
  })

  it('writes an escaped tag in a heading as visible text, never as markup', async () => {
    const { html } = await renderSafe('[toc]\n\n## \\<img src=x onerror=alert(1)\\>', { clean: true })
    expect(html).toContain('<li>&#x3C;img src=x onerror=alert(1)></li>')
    expectInert(html)
  })

  it('renders through the themes: the title line bold, the list as Weixin lists', async () => {
    const { html } = await render(article)
    expect(html).toMatch(/<p style="[^"]*font-weight:bold[^"]*">目录<\/p>/)
    expect(html).not.toContain('class=')
    expect(html).not.toContain('<ul')
  })
})
