import { remarkWeixinHeadingAttributes, renderMarkdown } from '@mdwx/render'
import type { Heading, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { expectInert, expectNoPayload, renderSafe, ruleIds } from './helpers.js'

/** The headings of safe HTML, and the rest. */
async function headings(markdown: string) {
  const { html, file } = await renderSafe(markdown, { clean: true })
  return { headings: [...html.matchAll(/<h(\d)>(.*?)<\/h\1>/g)].map((match) => match[2]), html, file }
}

describe('remark-weixin-heading-attributes: {#id}, {.class}, {#id .class key=value}', () => {
  it.each([
    ['## 安装 {#install}', '安装'],
    ['## 安装 {.tip}', '安装'],
    ['## 安装 {#install .tip .wide}', '安装'],
    ['## 安装 {#install .tip key=value data-x="a b" y=\'c\'}', '安装'],
    ['## 安装 {: #install}', '安装'],
    ['## 安装 {:#install .c}', '安装'],
    ['## 安装 {-}', '安装'],
    ['## 安装 {.unnumbered}', '安装'],
    ['## 安装{#install}', '安装'],
    ['## 安装   {#install}   ', '安装'],
    ['## 安装 {#install} ##', '安装'],
    ['## 安装 {#安装-npm}', '安装'],
    ['### `vite build` {#vite-build}', '<code>vite build</code>'],
    ['## **粗体** {#bold}', '<strong>粗体</strong>'],
    ['## 选项 `a` 与 `b` {#a-b}', '选项 <code>a</code> 与 <code>b</code>'],
  ])('%s shows %s', async (markdown, shown) => {
    const result = await headings(markdown)
    expect(result.headings).toEqual([shown])
    expect(result.file.messages).toEqual([])
  })

  it('removes a block from a Setext heading, both levels', async () => {
    const result = await headings('正文\n\n标题一 {#one}\n===\n\n标题二 {#two .x}\n---')
    expect(result.headings).toEqual(['标题一', '标题二'])
  })

  it('removes blocks from headings inside quotes and lists too', async () => {
    const result = await headings('> ## 引用 {#q}\n\n- ## 列表 {#l}')
    expect(result.headings).toEqual(['引用', '列表'])
  })

  it('removes only the last block (Pandoc reads only one)', async () => {
    expect((await headings('## 标题 {#a} {#b}')).headings).toEqual(['标题 {#a}'])
  })

  it('records the block as written in the heading data', () => {
    const processor = unified().use(remarkParse).use(remarkWeixinHeadingAttributes)
    const file = new VFile({ value: '## 安装 {#install .x}' })
    const tree = processor.runSync(processor.parse(file), file) as Root
    const heading = tree.children[0] as Heading
    expect(heading.data?.mdwxAttributes).toBe('{#install .x}')
    expect(heading.children).toEqual([expect.objectContaining({ type: 'text', value: '安装' })])
  })

  it('leaves {#x} in paragraphs, code, the middle of a heading, and an escaped or entity-written block', async () => {
    const result = await headings(
      '段落 {#x}\n\n`{#x}`\n\n```\n## a {#x}\n```\n\n## 中间 {#x} 文字\n\n## 转义 \\{#x}\n\n## 实体 &#123;#x}\n\n## 代码 `{#x}`\n\n## 链接 [{#x}](https://x.org)',
    )
    expect(result.headings).toEqual(['中间 {#x} 文字', '转义 {#x}', '实体 {#x}', '代码 <code>{#x}</code>', '链接 {#x}<sup>[1]</sup>'])
    expect(result.html).toContain('<p>段落 {#x}</p>')
    expect(result.html).toContain('<code>{#x}</code>')
    expect(result.html).toContain('## a {#x}')
    expect(result.file.messages).toEqual([])
  })

  it('leaves a heading that is only a block as written (it would be empty)', async () => {
    expect((await headings('## {#only}')).headings).toEqual(['{#only}'])
  })

  it('keeps braces that are not attributes, without a message', async () => {
    const result = await headings('## 集合 {a, b}\n\n## 对象 {}\n\n## 模板 {{ name }}\n\n## 函数 f{x}')
    expect(result.headings).toEqual(['集合 {a, b}', '对象 {}', '模板 {{ name }}', '函数 f{x}'])
    expect(result.file.messages).toEqual([])
  })

  it('keeps a malformed block as text, with an info message (heading-attributes-malformed)', async () => {
    const result = await headings('## 空的 {#}\n\n## 多余 {#id word}\n\n## 点 {.}')
    expect(result.headings).toEqual(['空的 {#}', '多余 {#id word}', '点 {.}'])
    expect(ruleIds(result.file)).toEqual(['heading-attributes-malformed', 'heading-attributes-malformed', 'heading-attributes-malformed'])
    expect(result.file.messages[0]).toMatchObject({ line: 1, column: 4, fatal: undefined })
    expect(result.file.messages[0]?.reason).toContain('`{#}`')
  })

  it('passes nothing of the block into the HTML: no id, no class, no attribute', async () => {
    const markdown = '## 标题 {#x .y onclick="alert(1)" style="color:red" href="javascript:alert(1)"}'
    const { html } = await renderSafe(markdown, { clean: true })
    expect(html).toBe('<h2>标题</h2>')
    expectNoPayload(html)
  })

  it('keeps HTML in the heading text sanitized as any heading', async () => {
    const { html } = await renderSafe('## <img src=x onerror=alert(1)> 图 {#img}', { clean: true })
    expect(html).toBe('<h2><img src="x"> 图</h2>')
    expectInert(html)
  })

  it('renders through the full pipeline, and the title heading gives its text without the block', async () => {
    const { html, messages, article } = await renderMarkdown(new VFile({ path: 'guide.md', value: '# 指引 {#guide}\n\n## 概览 {#overview}\n\n正文' }))
    // The article title is the heading's text without its block, and the heading is removed.
    expect(article.title).toBe('指引')
    expect(html).not.toContain('指引')
    expect(html).toContain('>概览</h2>')
    expect(html).not.toContain('{#')
    expect(messages).toEqual([])
  })
})
