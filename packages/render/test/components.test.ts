import { InvalidOptionError } from '@mdwx/errors'
import { createWeixinProcessor, rehypeWeixinComponents, rehypeWeixinRaw, renderMarkdown } from '@mdwx/render'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { expectInert, renderSafe, ruleIds } from './helpers.js'

/** Safe HTML without the whitespace between tags (the indentation an author's HTML had). */
async function render(markdown: string) {
  const { html, file } = await renderSafe(markdown, {}, 'docs/page.md')
  return { html: html.replace(/>\n\s*</g, '><'), file }
}

/** The info messages, as `name: reason`, with the part every one shares left out. */
function reported(file: VFile): string[] {
  return file.messages.map((message) => {
    expect(message.ruleId).toBe('component-unwrapped')
    expect(message.fatal).toBeUndefined()
    return message.reason.replace(/^`<([^>]+)>` is a component of the site, which mdwx cannot run: /, '$1: ')
  })
}

describe('rehype-weixin-components: site components in Markdown', () => {
  it('shows a self-closing component as the text of its text, label or title attribute', async () => {
    const { html, file } = await render('版本 <Badge type="tip" text="v2"/> 起，<Tag label="新"/> 和 <Hint title="提示"/> 都在。')
    expect(html).toBe('<p>版本 v2 起，新 和 提示 都在。</p>')
    expect(reported(file)).toEqual([
      'Badge: it is shown as the text of its `text` attribute, "v2"',
      'Tag: it is shown as the text of its `label` attribute, "新"',
      'Hint: it is shown as the text of its `title` attribute, "提示"',
    ])
  })

  it('reports each component name once per article, where it is first used', async () => {
    const { html, file } = await render('a <Badge text="1"/>\n\n## 标题 [<Badge text="NRV" type="warning" />](#x)\n\nb <Badge text="3"/>')
    // The link to an anchor in the page loses its target (rehype-weixin-links); its text stays.
    expect(html).toBe('<p>a 1</p><h2>标题 NRV</h2><p>b 3</p>')
    expect(ruleIds(file)).toEqual(['component-unwrapped'])
    expect(file.messages[0]).toMatchObject({ line: 1, column: 3 })
  })

  it('keeps nothing of a component without content or text, and everything after it', async () => {
    const { html, file } = await render('这些选项带有 <NonInheritBadge /> 标记。\n\n<YouTubeVideo videoId="RRjfm8cMveQ" />\n\n## 下一节\n\n正文')
    expect(html).toBe('<p>这些选项带有  标记。</p><h2>下一节</h2><p>正文</p>')
    expect(reported(file)).toEqual(['NonInheritBadge: it shows nothing in the article', 'YouTubeVideo: it shows nothing in the article'])
  })

  it('unwraps a component with content, PascalCase or a dashed custom element, keeping the content', async () => {
    const { html, file } = await render(
      '<ScrimbaLink href="https://scrimba.com/x" title="Course">在 Scrimba 上观看</ScrimbaLink>\n\n用 <Highlight color="#25c2a0">绿色</Highlight> 和 <my-widget size="2">小部件</my-widget>。\n\n<svg-image :svg="graphSvg" />',
    )
    expect(html).toBe('<p>在 Scrimba 上观看</p><p>用 绿色 和 小部件。</p>')
    expect(reported(file)).toEqual([
      'ScrimbaLink: its content is kept, without it',
      'Highlight: its content is kept, without it',
      'my-widget: its content is kept, without it',
      'svg-image: it shows nothing in the article',
    ])
  })

  it('makes a paragraph of the text a component leaves between blocks, keeping its Markdown blocks', async () => {
    const { html } = await render('<Badge text="v2"/>\n\n<Foo>\n纯文本\n</Foo>\n\n<Callout type="info">\n\n**粗体** 段落\n\n- 项\n\n</Callout>')
    expect(html).toBe('<p>v2</p><p>纯文本</p><p><strong>粗体</strong> 段落</p><ul><li>项</li></ul>')
  })

  it('unwraps components inside components and inside layout wrappers', async () => {
    const { html } = await render('<CodeGroupBox>\n<Foo onclick="alert(1)">保留</Foo>\n</CodeGroupBox>\n\n<div align="center">\n  <Badge text="居中"/>\n</div>')
    expect(html).toBe('<p>保留</p><section align="center"><p>居中</p></section>')
  })

  it('leaves HTML elements to the sanitizer, as before', async () => {
    const { html, file } = await render('<span>a</span> <kbd>k</kbd> <foo>bar</foo>')
    expect(html).toBe('<p><span>a</span> <kbd>k</kbd> bar</p>')
    expect(file.messages).toEqual([])
  })

  it('tells a component from an HTML element by its written name, even where the parser renames it', async () => {
    // The HTML parser makes `<Image>` an `img` and `<Title>` a raw-text element the sanitizer drops.
    const { html, file } = await render('图 <Image src="a.png" alt="猫"/> 与 <Title>标题文字</Title> 和 <Button>按钮</Button>')
    expect(html).toBe('<p>图  与 标题文字 和 按钮</p>')
    expect(reported(file)).toEqual([
      'Image: it shows nothing in the article',
      'Title: its content is kept, without it',
      'Button: its content is kept, without it',
    ])
  })

  it('reads an HTML element written in capitals as HTML, and <Script>/<Style> as code', async () => {
    const { html, file } = await render('<B>粗</B> <IMG SRC="a.png" ALT="图"> <ScRiPt>alert(1)</ScRiPt> <Script>alert(2)</Script> <TOC/>')
    expect(html).toBe('<p><b>粗</b> <img src="a.png" alt="图">   </p>')
    expect(reported(file)).toEqual(['TOC: it shows nothing in the article'])
  })

  it('prefers the content of a component to its attribute text', async () => {
    const { html } = await render('<Badge text="属性">内容</Badge> <Badge text="空"></Badge>')
    expect(html).toBe('<p>内容 空</p>')
  })

  it('reads attribute values with > and / in quotes and JSX braces when it looks for />', async () => {
    const { html } = await render('a <Badge text="x > y / z" style={{a:1}} /> b <Box data={{c:1}}>内</Box>')
    expect(html).toBe('<p>a x > y / z b 内</p>')
  })
})

describe('rehype-weixin-components: tabs', () => {
  it('shows Docusaurus tabs one after another, each under its label (else its value), Markdown rendered', async () => {
    const markdown = [
      '<Tabs groupId="lang">',
      '<TabItem value="js" label="JavaScript" default>',
      '',
      '```js',
      'const x = 1',
      '```',
      '',
      '</TabItem>',
      '<TabItem value="py">',
      '',
      '- 列表',
      '- **项**',
      '',
      '</TabItem>',
      '</Tabs>',
    ].join('\n')
    const { html, file } = await render(markdown)
    expect(html).toBe(
      '<p class="mdwx-code-title">JavaScript</p><pre><code class="language-js">const x = 1\n</code></pre><p class="mdwx-code-title">py</p><ul><li>列表</li><li><strong>项</strong></li></ul>',
    )
    expect(reported(file)).toEqual(['Tabs: its tabs are shown one after another, each under its label', 'TabItem: the tab is shown under its label'])
  })

  it('makes paragraphs of the plain text of tabs written without blank lines (Docusaurus docs)', async () => {
    const markdown = '<Tabs>\n  <TabItem value="apple" label="Apple" default>\n    This is an apple 🍎\n  </TabItem>\n  <TabItem value="orange" label="Orange">\n    This is an orange 🍊\n  </TabItem>\n</Tabs>'
    const { html } = await render(markdown)
    expect(html).toBe('<p class="mdwx-code-title">Apple</p><p>This is an apple 🍎</p><p class="mdwx-code-title">Orange</p><p>This is an orange 🍊</p>')
  })

  it('reads VuePress code groups (title) and tabs inside a list item', async () => {
    const { html } = await render('<CodeGroup>\n<CodeGroupItem title="YARN" active>\n\n```bash\nyarn\n```\n\n</CodeGroupItem>\n</CodeGroup>\n\n1. 安装：\n\n   <Tabs>\n   <TabItem label="npm">\n\n   ```bash\n   npm i\n   ```\n\n   </TabItem>\n   </Tabs>')
    expect(html).toContain('<p class="mdwx-code-title">YARN</p><pre><code class="language-bash">yarn\n</code></pre>')
    expect(html).toContain('<p class="mdwx-code-title">npm</p><pre><code class="language-bash">npm i\n</code></pre>')
  })

  it('shows a tab without label or value without a caption', async () => {
    const { html } = await render('<Tabs>\n<TabItem>\n\n文字\n\n</TabItem>\n</Tabs>')
    expect(html).toBe('<p>文字</p>')
  })

  it('keeps the caption a caption after the theme, and its label text', async () => {
    const result = await renderMarkdown(new VFile({ path: 'docs/page.mdx', value: "import Tabs from '@theme/Tabs'\n\n<Tabs>\n<TabItem value=\"js\" label=\"JS\">\n\n```js\nx\n```\n\n</TabItem>\n</Tabs>" }))
    expect(result.html).toMatch(/<p[^>]*>JS<\/p><pre/)
    expect(result.html).not.toContain('import')
  })
})

describe('rehype-weixin-components: layout wrappers', () => {
  it('keeps a div wrapper as a section, its Markdown rendered when blank lines set it apart', async () => {
    const { html } = await render('<div align="center" class="hero">\n\n**粗体** 和 [链接](https://x.org)\n\n- a\n\n</div>\n\n<div class="outer"><div class="inner">\n\n*斜体*\n\n</div></div>')
    expect(html).toContain('<section align="center" class=""><p><strong>粗体</strong> 和 链接')
    expect(html).toContain('<ul><li>a</li></ul></section>')
    expect(html).toContain('<section class=""><section class=""><p><em>斜体</em></p></section></section>')
  })

  it('keeps the text of a div whose Markdown CommonMark reads as HTML (no blank line)', async () => {
    const { html } = await render('<div class="tip">\n**不是粗体**：没有空行\n</div>')
    expect(html).toBe('<section class="">\n**不是粗体**：没有空行\n</section>')
  })
})

describe('rehype-weixin-components: safety', () => {
  it('gives attribute text as text, never as HTML', async () => {
    const markdown = '<Badge text="<img src=x onerror=alert(1)>"/> 与\n\n<Tabs>\n<TabItem label="<b>粗</b>" value="<i>v</i>">内</TabItem>\n</Tabs>'
    const { html } = await render(markdown)
    expect(html).toBe('<p>&#x3C;img src=x onerror=alert(1)> 与</p><p class="mdwx-code-title">&#x3C;b>粗&#x3C;/b></p><p>内</p>')
    expectInert((await renderMarkdown(markdown)).html)
    // Inline, the caption is a block in a paragraph: the full pipeline makes that paragraph a section.
    const inline = await renderMarkdown('文 <Tabs><TabItem label="<b>粗</b>" onclick="alert(1)">内</TabItem></Tabs>')
    expect(inline.html).toContain('&#x3C;b>粗&#x3C;/b>')
    expectInert(inline.html)
  })

  it('drops a component\'s attributes, event handlers included', async () => {
    const { html } = await render('<Foo onclick="alert(1)" style="color:red" href="javascript:alert(2)">文字</Foo>')
    expect(html).toBe('<p>文字</p>')
    expectInert(html)
  })

  it('leaves what a component holds to the sanitizer', async () => {
    const { html } = await render('<Foo><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">链</a></Foo>\n\n<Title><img src=x onerror=alert(4)></Title>')
    expectInert(html)
    expect(html).not.toMatch(/alert\([123]\)/)
    // A raw-text element's content was text to the parser: it stays text.
    expect(html).toContain('&#x3C;img src=x onerror=alert(4)>')
  })
})

describe('rehype-weixin-components: options and place in the pipeline', () => {
  it('textAttributes chooses the attributes; a bad value throws', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeWeixinRaw)
      .use(rehypeWeixinComponents, { textAttributes: ['name'] })
      .use(rehypeStringify)
    expect(String(await processor.process('<Icon name="star" text="no"/>'))).toBe('<p>star</p>')
    expect(() => unified().use(rehypeWeixinComponents, { textAttributes: 'text' as unknown as string[] }).freeze()).toThrow(InvalidOptionError)
  })

  it('runs right after the raw HTML is parsed, before the sanitizer', () => {
    const plugins: unknown[] = createWeixinProcessor().attachers.map(([plugin]) => plugin)
    expect(plugins.indexOf(rehypeWeixinComponents)).toBe(plugins.indexOf(rehypeWeixinRaw) + 1)
  })

  it('renders the Vite guide\'s components in the full pipeline', async () => {
    const result = await renderMarkdown(new VFile({ path: 'guide/migration.md', value: '# 迁移\n\n本页只有标题中包含 <Badge text="NRV" type="warning" /> 的部分适用。' }))
    expect(result.html).toContain('包含 NRV 的部分')
    expect(result.messages.map((message) => message.ruleId)).toEqual(['component-unwrapped'])
  })
})
