import { remarkWeixinContainers, renderMarkdown } from '@mdwx/render'
import type { Code, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { syntaxOf } from '../src/document-syntax.js'
import { expectInert, renderSafe, ruleIds } from './helpers.js'

const render = (markdown: string, options: Parameters<typeof renderMarkdown>[1] = {}) => renderMarkdown(new VFile({ path: 'posts/containers.md', value: markdown }), options)

/** The callout sections of safe HTML (classes kept: the theme has not run), as [kind, title], in document order. */
function callouts(html: string): Array<[string, string]> {
  return [...html.matchAll(/<section class="mdwx-callout mdwx-callout-(\w+)">(?:<p class="mdwx-callout-title">([^<]*)<\/p>)?/g)].map((match) => [match[1]!, match[2] ?? ''])
}

/** Safe HTML without the captions another plugin puts above labelled code blocks (code-title.ts). */
function withoutCodeTitles(html: string): string {
  return html.replace(/<p class="mdwx-code-title">[^<]*<\/p>/g, '')
}

/** The mdast after remark-weixin-containers alone, for what the HTML does not show (code meta). */
async function treeOf(markdown: string): Promise<Root> {
  const processor = unified().use(remarkParse).use(remarkWeixinContainers)
  return (await processor.run(processor.parse(markdown))) as Root
}

describe('remark-weixin-containers: VitePress/VuePress containers', () => {
  it.each([
    ['::: tip', 'tip', '提示'],
    ['::: info', 'info', '信息'],
    ['::: warning', 'warning', '警告'],
    ['::: danger', 'danger', '危险'],
    ['::: details', 'details', '详情'],
    ['::: note', 'note', '注意'],
    ['::: important', 'important', '重要'],
    ['::: caution', 'caution', '危险'],
    ['::: TIP', 'tip', '提示'],
  ])('%s is a %s callout titled %s', async (fence, kind, title) => {
    const { html, file } = await renderSafe(`${fence}\n内容\n:::`)
    expect(callouts(html)).toEqual([[kind, title]])
    expect(html).toContain('<p>内容</p></section>')
    expect(file.messages).toEqual([])
  })

  it.each([
    ['::: tip 自定义标题', '自定义标题'],
    [':::tip 注意', '注意'],
    [':::warning', '警告'],
    ['   ::: tip 缩进的', '缩进的'],
    [':::: tip 四个冒号', '四个冒号'],
    ['::: tip 通过 `url()` 内联 **SVG**', '通过 url() 内联 SVG'],
    ['::: tip a &amp; b \\*c\\*', 'a &#x26; b *c*'],
    ['::: tip    多余的   空格   ', '多余的 空格'],
  ])('reads the title of `%s` as text', async (fence, title) => {
    const { html, file } = await renderSafe(`${fence}\n内容\n${fence.trimStart().match(/^:+/)![0]}`)
    expect(callouts(html)).toEqual([[fence.includes('warning') ? 'warning' : 'tip', title]])
    expect(file.messages).toEqual([])
  })

  it('shows details open, as a details callout titled with its summary; {open} and other attributes are left out', async () => {
    const { html } = await renderSafe('::: details 点击查看 {open}\n隐藏的内容\n:::\n\n::: details\n无摘要\n:::\n\n::: info 信息 {#anchor .x data-y="1"}\n正文\n:::')
    expect(callouts(html)).toEqual([
      ['details', '点击查看'],
      ['details', '详情'],
      ['info', '信息'],
    ])
    expect(html).not.toMatch(/<details|<summary|\{open\}|anchor/)
    expect(html).toContain('隐藏的内容')
  })

  it('keeps a title that only ends in braces when they are not attributes', async () => {
    const { html } = await renderSafe('::: tip 对象 { a: 1 }\nx\n:::')
    expect(callouts(html)).toEqual([['tip', '对象 { a: 1 }']])
  })

  it('unwraps code-group: its code blocks follow one another in place, each keeping its [label] meta', async () => {
    const markdown = '前\n\n::: code-group\n\n```sh [npm]\nnpm i vite\n```\n\n```sh [pnpm]\npnpm add vite\n```\n\n:::\n\n后'
    const { html, file } = await renderSafe(markdown)
    expect(withoutCodeTitles(html)).toBe('<p>前</p><pre><code class="language-sh">npm i vite\n</code></pre><pre><code class="language-sh">pnpm add vite\n</code></pre><p>后</p>')
    expect(file.messages).toEqual([])
    const tree = await treeOf(markdown)
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'code', 'code', 'paragraph'])
    expect((tree.children.slice(1, 3) as Code[]).map((code) => [code.lang, code.meta])).toEqual([
      ['sh', '[npm]'],
      ['sh', '[pnpm]'],
    ])
  })

  it('loses nothing else of a code-group: its title and any other content stay, in order', async () => {
    const { html } = await renderSafe('::: code-group 安装\n说明\n\n```js [a.js]\na\n```\n:::')
    expect(withoutCodeTitles(html)).toBe('<p>安装</p><p>说明</p><pre><code class="language-js">a\n</code></pre>')
  })

  it('unwraps raw and v-pre, which only tell VitePress how to build the page', async () => {
    const { html, file } = await renderSafe('::: raw\n原样\n:::\n\n::: v-pre\n{{ 不插值 }}\n:::')
    expect(html).toBe('<p>原样</p><p>{{ 不插值 }}</p>')
    expect(file.messages).toEqual([])
  })

  it('nests containers written with more colons outside', async () => {
    const { html, file } = await renderSafe(':::: details 外层\n::: tip 内层\n内\n:::\n外\n::::\n\n后')
    expect(callouts(html)).toEqual([
      ['details', '外层'],
      ['tip', '内层'],
    ])
    expect(html).toMatch(/<p>内<\/p><\/section><p>外<\/p><\/section><p>后<\/p>$/)
    expect(file.messages).toEqual([])
  })

  it('nests containers with the same number of colons: a closer closes the innermost open one', async () => {
    const { html, file } = await renderSafe('::: details 外\n::: warning 中\n::: tip 内\n一\n:::\n二\n:::\n三\n:::\n四')
    expect(callouts(html)).toEqual([
      ['details', '外'],
      ['warning', '中'],
      ['tip', '内'],
    ])
    expect(html).toMatch(/<p>一<\/p><\/section><p>二<\/p><\/section><p>三<\/p><\/section><p>四<\/p>$/)
    expect(file.messages).toEqual([])
  })

  it('works inside a list item, at its content column, and in an ordered list indented three spaces', async () => {
    const { html, file } = await renderSafe('- 项\n\n  ::: warning 注意\n  内容\n  :::\n\n- 下一项\n\n1. 步骤\n\n   ::: details 伪代码\n   ```ts\n   const a = 1\n   ```\n   :::\n2. 下一步')
    expect(callouts(html)).toEqual([
      ['warning', '注意'],
      ['details', '伪代码'],
    ])
    expect(html).toMatch(/<li><p>项<\/p><section class="mdwx-callout mdwx-callout-warning">.*<p>内容<\/p><\/section><\/li><li><p>下一项<\/p><\/li>/)
    expect(html).toContain('const a = 1')
    expect(html).toMatch(/<\/section><\/li><li>\s*(?:<p>)?下一步/)
    expect(file.messages).toEqual([])
  })

  it('works on a list item’s first line and inside a quote', async () => {
    const { html, file } = await renderSafe('- ::: tip 项里\n  内容\n  :::\n\n> ::: danger 引用里\n> 内容\n>\n> 第二段\n> :::')
    expect(callouts(html)).toEqual([
      ['tip', '项里'],
      ['danger', '引用里'],
    ])
    expect(html).toMatch(/<blockquote><section class="mdwx-callout mdwx-callout-danger">.*<p>第二段<\/p><\/section><\/blockquote>/)
    expect(file.messages).toEqual([])
  })

  it('holds ordinary Markdown: paragraphs, blank lines, lists, tables, headings, quotes, HTML', async () => {
    const { html, file } = await renderSafe('::: tip\n\n段一\n续行\n\n\n段二\n\n- a\n- b\n\n| 列 | 值 |\n| - | - |\n| x | 1 |\n\n### 小标题\n\n> 引用\n\n<b>粗</b>\n:::')
    expect(html).toContain('<p>段一\n续行</p><p>段二</p><ul><li>a</li><li>b</li></ul><table>')
    expect(html).toContain('<td>x</td>')
    expect(html).toContain('<h3>小标题</h3><blockquote><p>引用</p></blockquote>')
    expect(html).toContain('<p><b>粗</b></p></section>')
    expect(file.messages).toEqual([])
  })

  it('reads a colon line inside a fenced code block as code, not as a closer', async () => {
    const { html, file } = await renderSafe('::: tip 写法\n```md\n::: warning\n内容\n:::\n```\n\n~~~\n:::\n~~~\n\n````md\n```\n:::\n```\n````\n:::\n\n后')
    expect(callouts(html)).toEqual([['tip', '写法']])
    expect(html).toContain('<code class="language-md">::: warning\n内容\n:::\n</code>')
    expect(html).toContain('<code>:::\n</code>')
    expect(html).toContain('<code class="language-md">```\n:::\n```\n</code>')
    expect(html).toMatch(/<\/pre><\/section><p>后<\/p>$/)
    expect(file.messages).toEqual([])
  })

  it('closes at a colon line indented less than a list item’s unclosed code fence (the item, and the code, end there)', async () => {
    const { html, file } = await renderSafe('::: tip\n- ```js\n  code\n:::\n\n后')
    expect(callouts(html)).toEqual([['tip', '提示']])
    expect(html).toMatch(/<\/section><p>后<\/p>$/)
    expect(file.messages).toEqual([])
  })

  it('closes right after raw HTML, as VitePress pages write it (`</details>` then `:::`)', async () => {
    const { html, file } = await renderSafe('::: tip 注意\n正文\n\n<details>\n<summary>示例</summary>\n\n```ts\nconst a = 1\n```\n\n</details>\n:::\n\n## 后')
    expect(callouts(html)).toEqual([['tip', '注意']])
    expect(html).toMatch(/<\/section><h2>后<\/h2>$/)
    expect(file.messages).toEqual([])
  })

  it('follows code fences and containers in list items inside a container', async () => {
    const { html, file } = await renderSafe('::: details 外\n- ```md\n  :::\n  ```\n- ::: tip 项里\n  内\n  :::\n:::\n\n后')
    expect(callouts(html)).toEqual([
      ['details', '外'],
      ['tip', '项里'],
    ])
    expect(html).toContain('<code class="language-md">:::\n</code>')
    expect(html).toMatch(/<p>内<\/p><\/section><\/li><\/ul><\/section><p>后<\/p>$/)
    expect(file.messages).toEqual([])
  })

  it('interrupts a paragraph, and a closer right after a paragraph line ends the container', async () => {
    const { html } = await renderSafe('段落\n::: tip\n内容\n:::\n后')
    expect(html).toBe('<p>段落</p><section class="mdwx-callout mdwx-callout-tip"><p class="mdwx-callout-title">提示</p><p>内容</p></section><p>后</p>')
  })

  it('an empty container is a callout with its title only', async () => {
    const { html, file } = await renderSafe('::: warning 空\n:::')
    expect(html).toBe('<section class="mdwx-callout mdwx-callout-warning"><p class="mdwx-callout-title">空</p></section>')
    expect(file.messages).toEqual([])
  })

  it('leaves colons elsewhere alone: in prose, mid-line, in code, escaped, indented as code', async () => {
    const { html, file } = await renderSafe('时间 10:30，比例 1:2，a ::: b\n\n`:::`\n\n\\::: tip\n\n    ::: tip\n    :::')
    expect(html).toBe('<p>时间 10:30，比例 1:2，a ::: b</p><p><code>:::</code></p><p>::: tip</p><pre><code>::: tip\n:::\n</code></pre>')
    expect(file.messages).toEqual([])
  })

  it('titles in English with language: en', async () => {
    const { html } = await render('::: tip\nx\n:::\n\n:::details\ny\n:::', { calloutLanguage: 'en' })
    expect(html).toMatch(/>Tip<\/p>/)
    expect(html).toMatch(/>Details<\/p>/)
    const { html: safe } = await renderSafe(':::warning\nx\n:::')
    expect(callouts(safe)).toEqual([['warning', '警告']])
  })

  it('takes language as a plugin option, and validates it', async () => {
    const processor = unified().use(remarkParse).use(remarkWeixinContainers, { language: 'en' })
    const tree = await processor.run(processor.parse('::: danger\nx\n:::'))
    expect(JSON.stringify(tree)).toContain('"value":"Danger"')
    expect(() => unified().use(remarkParse).use(remarkWeixinContainers, { language: 'fr' as 'en' }).freeze()).toThrow('Expected one of zh, en for language, got "fr"')
  })

  it('styles container callouts like every callout, with no class left in the published HTML', async () => {
    const { html } = await render('::: tip\n内容\n:::')
    expect(html.replace(/>\n+</g, '><')).toContain('<section style="margin:1em 0;padding:.5em 1em;border-left:4px solid #1a7f37;background:#eefaf1"><p style="margin:.4em 0;font-weight:bold;color:#1a7f37">提示</p>')
    expect(html).not.toContain('class=')
    expect(html).not.toContain(':::')
  })
})

describe('remark-weixin-containers: Docusaurus admonitions', () => {
  it.each([
    ['note', '注意'],
    ['tip', '提示'],
    ['info', '信息'],
    ['warning', '警告'],
    ['danger', '危险'],
    ['caution', '危险'],
  ])(':::%s is a callout with its default title %s, and takes [标题] and a spaced title', async (name, title) => {
    const { html, file } = await renderSafe(`:::${name}\n默认\n:::\n\n:::${name}[方括号标题]\n方括号\n:::\n\n:::${name} 空格标题\n空格\n:::`)
    expect(callouts(html)).toEqual([
      [name, title],
      [name, '方括号标题'],
      [name, '空格标题'],
    ])
    expect(file.messages).toEqual([])
  })

  it('reads a bracket label with inline Markdown, nested and escaped brackets, then {attributes}', async () => {
    const { html } = await renderSafe(':::tip[用 **粗体** 与 [链接](https://x.org) 与 \\] 号]{#id .cls}\nx\n:::')
    expect(callouts(html)).toEqual([['tip', '用 粗体 与 链接 与 ] 号']])
  })

  it('an empty label gives the default title; an unclosed one leaves the rest of the line as the title', async () => {
    const { html } = await renderSafe(':::note[]\nx\n:::\n\n:::note[没有右括号\ny\n:::')
    expect(callouts(html)).toEqual([
      ['note', '注意'],
      ['note', '[没有右括号'],
    ])
  })

  it('nests with more colons outside', async () => {
    const { html } = await renderSafe('::::info[外]\n:::danger[内]\n内容\n:::\n::::')
    expect(callouts(html)).toEqual([
      ['info', '外'],
      ['danger', '内'],
    ])
  })
})

describe('remark-weixin-containers: unknown and malformed containers', () => {
  it('gives an unknown name the neutral look titled with the name as written, and a positioned info message', async () => {
    const { html, file } = await renderSafe('段\n\n  ::: Recipe\n  两个鸡蛋\n  :::')
    expect(callouts(html)).toEqual([['neutral', 'Recipe']])
    expect(html).not.toContain(':::')
    expect(ruleIds(file)).toEqual(['callout-unknown'])
    expect(file.messages[0]).toMatchObject({ line: 3, column: 3, fatal: undefined })
    expect(file.messages[0]!.reason).toContain('`Recipe`')
  })

  it('titles an unknown container with its title when it has one', async () => {
    const { html, file } = await renderSafe('::: tabs 选项卡\n内容\n:::')
    expect(callouts(html)).toEqual([['neutral', '选项卡']])
    expect(ruleIds(file)).toEqual(['callout-unknown'])
  })

  it('a fence with a title but no name is a neutral callout with that title, and an info message', async () => {
    const { html, file } = await renderSafe('::: 注意事项\n内容\n:::')
    expect(callouts(html)).toEqual([['neutral', '注意事项']])
    expect(ruleIds(file)).toEqual(['callout-unknown'])
    expect(file.messages[0]!.reason).toContain('has no name')
  })

  it('runs an unclosed container to the end of the document, with a warning where it opened saying what to add', async () => {
    const { html, file } = await renderSafe('前\n\n:::: details 未闭合\n内容\n\n后面的段落')
    expect(callouts(html)).toEqual([['details', '未闭合']])
    expect(html).toMatch(/<p>后面的段落<\/p><\/section>$/)
    expect(ruleIds(file)).toEqual(['container-unclosed'])
    expect(file.messages[0]).toMatchObject({ line: 3, column: 1, fatal: false })
    expect(file.messages[0]!.reason).toBe('Container `:::: details` opened at line 3 is not closed: it runs to the end of the document. Add a line `::::` where it should end.')
  })

  it('runs an unclosed container in a list item or a quote to the end of that item or quote', async () => {
    const { html, file } = await renderSafe('- ::: tip\n  内容\n- 下一项\n\n> ::: warning\n> 引用\n\n外')
    expect(html).toMatch(/<li><section class="mdwx-callout mdwx-callout-tip">.*<p>内容<\/p><\/section><\/li><li>下一项<\/li>/)
    expect(html).toMatch(/<blockquote><section class="mdwx-callout mdwx-callout-warning">.*<p>引用<\/p><\/section><\/blockquote><p>外<\/p>$/)
    expect(ruleIds(file)).toEqual(['container-unclosed', 'container-unclosed'])
    expect(file.messages.map((message) => [message.line, message.column])).toEqual([
      [1, 3],
      [5, 3],
    ])
    expect(file.messages[0]!.reason).toContain('runs to the end of the list item it is in')
    expect(file.messages[1]!.reason).toContain('runs to the end of the quote it is in')
  })

  it('says so when an unclosed code fence inside took the closer as code', async () => {
    const { html, file } = await renderSafe('::: tip\n```js\nconst a = 1\n:::\n\n后')
    expect(callouts(html)).toEqual([['tip', '提示']])
    expect(ruleIds(file)).toEqual(['container-unclosed'])
    expect(file.messages[0]!.reason).toContain('The code fence at line 2 inside it is not closed either')
  })

  it('an inner container left open ends with the outer one, which a closer as long as its opener closes', async () => {
    const { html, file } = await renderSafe(':::: details\n::: tip\n内\n::::\n后')
    expect(callouts(html)).toEqual([
      ['details', '详情'],
      ['tip', '提示'],
    ])
    expect(html).toMatch(/<p>内<\/p><\/section><\/section><p>后<\/p>$/)
    expect(ruleIds(file)).toEqual(['container-unclosed'])
    expect(file.messages[0]).toMatchObject({ line: 2, column: 1 })
    expect(file.messages[0]!.reason).toContain('runs to the end of the container it is in')
  })

  it('a closer longer than every opener closes the innermost open container', async () => {
    const { html, file } = await renderSafe('::: details\n::: tip\n内\n:::::\n外\n:::')
    expect(html).toMatch(/<p>内<\/p><\/section><p>外<\/p><\/section>$/)
    expect(file.messages).toEqual([])
  })

  it('reports in reading order, outer containers before the ones inside', async () => {
    const { file } = await renderSafe('::: details\n::: foo\n内')
    expect(file.messages.map((message) => [message.line, message.ruleId])).toEqual([
      [1, 'container-unclosed'],
      [2, 'container-unclosed'],
      [2, 'callout-unknown'],
    ])
  })

  it('stops nesting at 20 levels: deeper openers hold nothing, with one warning for the document', async () => {
    const { html, file } = await renderSafe('::: tip\n'.repeat(23) + '正文\n' + ':::\n'.repeat(23))
    expect(callouts(html)).toHaveLength(23)
    expect(html.match(/<section/g)).toHaveLength(23)
    expect(html).toContain('<p>正文</p>')
    expect(html).not.toContain(':::')
    const deep = file.messages.filter((message) => message.ruleId === 'container-too-deep')
    expect(deep).toHaveLength(1)
    expect(deep[0]).toMatchObject({ line: 21, column: 1, fatal: false })
    expect(deep[0]!.reason).toContain('(and 2 more after it)')
    // The three closers of the openers that hold nothing close nothing.
    expect(ruleIds(file).filter((id) => id === 'container-unmatched')).toHaveLength(3)
  })

  it('stays fast on thousands of nested openers', async () => {
    const { html, messages } = await render('::: tip\n'.repeat(1000) + 'x\n')
    expect(html).not.toContain(':::')
    expect(messages.filter((message) => message.ruleId === 'container-too-deep')).toHaveLength(1)
  })

  it('drops a colon line that closes nothing, with a positioned warning', async () => {
    const { html, file } = await renderSafe('段落\n:::\n\n::: tip\n内\n:::\n:::\n\n::::: \n')
    expect(html).toBe('<p>段落</p><section class="mdwx-callout mdwx-callout-tip"><p class="mdwx-callout-title">提示</p><p>内</p></section>')
    expect(ruleIds(file)).toEqual(['container-unmatched', 'container-unmatched', 'container-unmatched'])
    expect(file.messages.map((message) => [message.line, message.column])).toEqual([
      [2, 1],
      [7, 1],
      [9, 1],
    ])
  })
})

describe('remark-weixin-containers: titles are text', () => {
  it.each([
    ['::: tip <img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['::: warning <script>alert(1)</script>', '<script>alert(1)</script>'],
    ['::: danger <svg onload=alert(1)>', '<svg onload=alert(1)>'],
    ['::: tip [点我](javascript:alert(1))', '点我'],
    ['::: tip &lt;img src=x onerror=alert(1)&gt;', '<img src=x onerror=alert(1)>'],
    ['::: info "><img src=x onerror=alert(1)>', '"><img src=x onerror=alert(1)>'],
    [':::note[<img src=x onerror=alert(1)>]', '<img src=x onerror=alert(1)>'],
    [':::tip[<a href="javascript:alert(1)">x</a>]', '<a href="javascript:alert(1)">x</a>'],
    ['::: details <details open ontoggle=alert(1)>', '<details open ontoggle=alert(1)>'],
    ['::: foo <iframe src=javascript:alert(1)>', '<iframe src=javascript:alert(1)>'],
  ])('`%s` has a title that is that text, never an element', async (fence, title) => {
    const { html } = await render(`${fence}\n内容\n:::`)
    expectInert(html)
    const { html: safe } = await renderSafe(`${fence}\n内容\n:::`)
    const [callout] = callouts(safe)
    const decoded = callout![1].replace(/&#x3C;/g, '<').replace(/&#x26;/g, '&').replace(/&quot;/g, '"')
    expect(decoded).toBe(title)
    expect(safe).not.toMatch(/<(?:img|script|svg|iframe|a|details)\b/)
  })
})

describe('document-syntax: containers', () => {
  it.each([
    ['::: tip', true],
    [':::tip', true],
    ['  ::: warning', true],
    ['> ::: tip', true],
    ['- ::: tip', true],
    ['1. ::: tip', true],
    ['> - ::: tip', true],
    ['text\n:::', true],
    ['时间 10:30', false],
    ['a ::: b', false],
    ['`:::`', false],
    ['::', false],
  ])('%j → %s', (markdown, expected) => {
    expect(syntaxOf(markdown).containers).toBe(expected)
  })
})
