import { remarkWeixinHugoShortcodes, renderMarkdown, type RenderOptions } from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { syntaxOf } from '../src/document-syntax.js'
import { splitShortcodeArguments } from '../src/hugo-shortcodes/arguments.js'
import { readTag } from '../src/hugo-shortcodes/from-markdown.js'
import { expectInert, renderSafe, ruleIds } from './helpers.js'

const post = 'content/posts/trip.md'
const safe = (markdown: string) => renderSafe(markdown, {}, post)
const render = (markdown: string, options: RenderOptions = {}) => renderMarkdown(new VFile({ path: post, value: markdown }), options)
const messages = (file: { messages: ReadonlyArray<{ line?: number | undefined; column?: number | undefined; ruleId?: string | null | undefined }> }) =>
  file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)

describe('hugo-shortcodes: reading a shortcode', () => {
  it('splits parameters as Hugo does: positional and named, quoted, raw and bare', () => {
    const args = splitShortcodeArguments('go "linenos=table,hl_lines=8 15-17" src="a \\"b\\".png" title=标题 caption=`两行\n说明` alt = "x"')
    expect(args.positional).toEqual(['go', 'linenos=table,hl_lines=8 15-17'])
    expect(Object.fromEntries(args.named)).toEqual({ src: 'a "b".png', title: '标题', caption: '两行\n说明', alt: 'x' })
    expect(splitShortcodeArguments('')).toEqual({ positional: [], named: new Map() })
  })

  it('reads both delimiters, end tags, self-closing ones and the escaped form', () => {
    expect(readTag('{{< figure src="a.png" >}}')).toMatchObject({ name: 'figure', delimiter: '<', arguments: 'src="a.png"', closing: false, selfClosing: false })
    expect(readTag('{{% notice tip %}}')).toMatchObject({ name: 'notice', delimiter: '%', arguments: 'tip' })
    expect(readTag('{{< /highlight >}}')).toMatchObject({ name: 'highlight', closing: true })
    expect(readTag('{{< x/y a />}}')).toMatchObject({ name: 'x/y', arguments: 'a', selfClosing: true })
    expect(readTag('{{</* figure src="a" */>}}').escaped).toEqual({ shown: '{{< figure src="a" >}}' })
    expect(readTag('{{%/* notice */%}}').escaped).toEqual({ shown: '{{% notice %}}' })
  })

  it('is registered only for documents with `{{<` or `{{%` outside code', () => {
    expect(syntaxOf('{{< figure src="a.png" >}}').hugoShortcodes).toBe(true)
    expect(syntaxOf('{{% notice %}}\nx\n{{% /notice %}}').hugoShortcodes).toBe(true)
    expect(syntaxOf('{{ .Title }} and {% raw %}').hugoShortcodes).toBe(false)
    expect(syntaxOf('```go-html-template\n{{< figure src="a" >}}\n```').hugoShortcodes).toBe(false)
    // `{{%` is no Hexo or Jekyll tag, and marked lines switch fence meta on.
    expect(syntaxOf('{{% notice %}}').hexoTags).toBe(false)
    expect(syntaxOf('{{< highlight go "hl_lines=2" >}}\na\nb\n{{< /highlight >}}').codeMeta).toBe(true)
  })

  it('exports the plugin, which refuses an unknown language', async () => {
    expect(remarkWeixinHugoShortcodes).toBeTypeOf('function')
    await expect(render('{{< figure src="a.png" >}}', { calloutLanguage: 'fr' as never })).rejects.toThrow(/language/)
  })
})

describe('remark-weixin-hugo-shortcodes: figure', () => {
  it('is the picture and its caption: the title in bold, the caption’s Markdown, the attribution linked', async () => {
    const { html, file } = await safe(
      '{{< figure src="photo.jpg" alt="一张照片" title="海边" caption="夕阳下的 **海**，<b>不是 HTML</b>" attr="小明" attrlink="https://example.com/ming" >}}',
    )
    expect(html).toBe(
      '<figure><p><img src="photo.jpg" alt="一张照片"></p><figcaption><strong>海边</strong><br>\n夕阳下的 <strong>海</strong>，&#x3C;b>不是 HTML&#x3C;/b> 小明<sup class="mdwx-ref">[1]</sup></figcaption></figure>' +
        '<section class="mdwx-references"><p class="mdwx-references-title">参考链接</p><p class="mdwx-reference">[1] 小明: https://example.com/ming</p></section>',
    )
    expect(file.messages).toEqual([])
    expectInert((await render('{{< figure src="a.png" alt="a" title="<img src=x onerror=alert(1)>" caption="[x](javascript:alert(1)) <script>alert(1)</script>" attrlink="javascript:alert(1)" attr="a" >}}')).html)
  })

  it('takes the caption as the alt text when there is no alt, keeps a width, and links the picture to `link`', async () => {
    const { html } = await safe('{{< figure src="a.png" caption="说明" width="300" link="https://example.com/big.png" >}}')
    expect(html).toContain('<img src="a.png" alt="说明" style="width:300px"><sup class="mdwx-ref">[1]</sup></p><figcaption>说明</figcaption>')
    expect(html).toContain('[1] 说明: https://example.com/big.png')
  })

  it('is the picture alone without a caption, and reads the parameters over several lines (Hugo’s docs)', async () => {
    const { html, file } = await safe('{{< figure src="a.png" >}}\n\n{{< figure\n  src="b.png"\n  alt="大象"\n  caption="日落时的大象"\n>}}\n\n> {{< figure\n>   src="c.png"\n> >}}')
    expect(html).toBe(
      '<p><img src="a.png" alt=""></p><figure><p><img src="b.png" alt="大象"></p><figcaption>日落时的大象</figcaption></figure><blockquote><p><img src="c.png" alt=""></p></blockquote>',
    )
    expect(file.messages).toEqual([])
  })

  it('splits the paragraph it is written in, and breaks a paragraph on a line of its own', async () => {
    const { html } = await safe('之前 {{< figure src="a.png" caption="c" >}} 之后\n\n一段文字\n{{< figure src="b.png" >}}')
    expect(html).toBe('<p>之前</p><figure><p><img src="a.png" alt="c"></p><figcaption>c</figcaption></figure><p>之后</p><p>一段文字</p><p><img src="b.png" alt=""></p>')
  })

  it('is the first picture of the article, its cover when front matter names none', async () => {
    const { images, article } = await render('+++\ntitle = "t"\n+++\n\n{{< figure src="/images/a.png" caption="c" >}}\n')
    expect(images.map((image) => image.src)).toEqual(['/images/a.png'])
    expect(article.title).toBe('t')
  })

  it('stays as written without a picture (hugo-shortcode-malformed)', async () => {
    const { html, file } = await safe('{{< figure caption="没有图" >}}')
    expect(html).toBe('<p>{{&#x3C; figure caption="没有图" >}}</p>')
    expect(messages(file)).toEqual(['1:1 hugo-shortcode-malformed'])
    expect(file.messages[0]?.reason).toBe('`{{< figure caption="没有图" >}}` needs a picture: `src="…"`: kept as written')
  })
})

describe('remark-weixin-hugo-shortcodes: highlight', () => {
  it('is a code block in that language, its lines raw, `hl_lines` marked', async () => {
    const { html, file } = await safe('{{< highlight go "linenos=table,hl_lines=2 4-5,linenostart=199" >}}\npackage main\n# not a heading\n\n<div>\n*x* >}}\n{{< /highlight >}}')
    expect(html).toBe('<pre><code class="language-go mdwx-lines-2-4-5">package main\n# not a heading\n\n&#x3C;div>\n*x* >}}\n</code></pre>')
    expect(file.messages).toEqual([])
  })

  it('reads `{{% %}}`, named parameters, and a block indented in a list', async () => {
    const { html } = await safe('- 步骤\n\n  {{% highlight lang="sh" %}}\n  npm i\n    --save\n  {{% /highlight %}}')
    expect(html).toContain('<pre><code class="language-sh">npm i\n  --save\n</code></pre>')
  })

  it('marks lines in the full pipeline (remark-weixin-code-meta reads the meta it passes on)', async () => {
    const { html } = await render('{{< highlight js "hl_lines=2" >}}\nconst a = 1\nconst b = 2\n{{< /highlight >}}')
    expect(html).toMatch(/<span style="display:block;background:[^"]+">(?:<[^>]+>)*const/)
  })

  it('is inline code within a paragraph', async () => {
    const { html, file } = await safe('运行 {{< highlight sh >}}npm   test{{< /highlight >}} 即可')
    expect(html).toBe('<p>运行 <code>npm   test</code> 即可</p>')
    expect(file.messages).toEqual([])
  })

  it('without its end tag stays as written, the lines below read as Markdown (hugo-shortcode-unclosed)', async () => {
    const { html, file } = await safe('{{< highlight go >}}\nfunc main() {}\n')
    expect(html).toBe('<p>{{&#x3C; highlight go >}}\nfunc main() {}</p>')
    expect(messages(file)).toEqual(['1:1 hugo-shortcode-unclosed'])
  })
})

describe('remark-weixin-hugo-shortcodes: ref, relref, param', () => {
  it('makes `[text]({{< ref "x.md" >}})` the link Hugo makes, which keeps its text (link-relative)', async () => {
    const { html, messages: found } = await render('见 [另一篇]({{< ref "other.md" >}})，[**粗体** 标题]({{< relref path="/posts/x.md#a" >}})。')
    expect(html).toContain('见 另一篇，<strong>粗体</strong> 标题。')
    expect(found.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)).toEqual([
      '1:3 link-relative The link "另一篇" points to "other.md", which cannot be followed in Weixin: only its text is kept. Link to a full https:// address instead',
      '1:33 link-relative The link "粗体 标题" points to "/posts/x.md#a", which cannot be followed in Weixin: only its text is kept. Link to a full https:// address instead',
    ])
  })

  it('outside a link is the path, with the same warning', async () => {
    const { html, messages: found } = await render('地址：{{< ref "other.md" >}}')
    expect(html).toContain('地址：other.md')
    expect(found.map((message) => message.ruleId)).toEqual(['link-relative'])
  })

  it('param is the front matter value, case-insensitively, dotted keys inside tables', async () => {
    const { html, file } = await safe('---\ntitle: 旅行\nextra:\n  name: 小明\n---\n\n{{< param "Title" >}} 作者 {{< param extra.name >}}，{{< param missing >}}。')
    expect(html).toBe('<p>旅行 作者 小明，。</p>')
    expect(messages(file)).toEqual(['7:51 hugo-shortcode-param'])
  })
})

describe('remark-weixin-hugo-shortcodes: blocks around Markdown', () => {
  it('makes Hugo’s details and the themes’ notices callouts, written with or without blank lines', async () => {
    const { html, file } = await safe(
      '{{< details summary="更多" >}}\n细节\n{{< /details >}}\n\n{{% notice tip "小提示" %}}\n内容 **Markdown**\n{{% /notice %}}\n\n{{% notice style="warning" title="注意" %}}\nx\n{{% /notice %}}\n\n{{< admonition type=danger >}}\ny\n{{< /admonition >}}\n\n{{< callout >}}\nz\n{{< /callout >}}',
    )
    expect(html).toBe(
      '<section class="mdwx-callout mdwx-callout-details"><p class="mdwx-callout-title">更多</p><p>细节</p></section>' +
        '<section class="mdwx-callout mdwx-callout-tip"><p class="mdwx-callout-title">小提示</p><p>内容 <strong>Markdown</strong></p></section>' +
        '<section class="mdwx-callout mdwx-callout-warning"><p class="mdwx-callout-title">注意</p><p>x</p></section>' +
        '<section class="mdwx-callout mdwx-callout-danger"><p class="mdwx-callout-title">危险</p><p>y</p></section>' +
        '<section class="mdwx-callout mdwx-callout-neutral"><p>z</p></section>',
    )
    expect(file.messages).toEqual([])
  })

  it('removes a comment with its content', async () => {
    const { html, file } = await safe('前\n\n{{% comment %}}\n不显示\n{{% /comment %}}\n\n后 {{< comment >}}也不显示{{< /comment >}}')
    expect(html).toBe('<p>前</p><p>后</p>')
    expect(file.messages).toEqual([])
  })

  it('keeps the content of an unknown pair and removes its tags, with a warning naming it', async () => {
    const { html, file } = await safe('{{% mything a "b c" %}}\n里面的 *文字*\n{{% /mything %}}\n\n一句 {{< color red >}}红色{{< /color >}} 话')
    expect(html).toBe('<p>里面的 <em>文字</em></p><p>一句 红色 话</p>')
    expect(messages(file)).toEqual(['1:1 hugo-shortcode-unknown', '5:4 hugo-shortcode-unknown'])
    expect(file.messages[0]?.reason).toBe('Unknown Hugo shortcode `{{% mything a "b c" %}}`: Weixin cannot run it, its content is kept and its tags removed')
  })
})

describe('remark-weixin-hugo-shortcodes: shortcodes of their own', () => {
  it('turns the embeds into links to what they show (hugo-shortcode-embed)', async () => {
    const { html, file } = await safe(
      '{{< youtube w7Ft2ymGmfc >}}\n\n{{< youtube id="abc" >}}\n\n{{< vimeo 146022717 >}}\n\n{{< x user="SanDiegoZoo" id="1453110110599868418" >}}\n\n{{< gist spf13 7896402 >}}\n\n{{< instagram CxOWiQNP2MO >}}',
    )
    // A link whose text is its address is that text in an article (rehype-weixin-links).
    expect(html).toBe(
      [
        '视频：https://www.youtube.com/watch?v=w7Ft2ymGmfc',
        '视频：https://www.youtube.com/watch?v=abc',
        '视频：https://vimeo.com/146022717',
        '帖子：https://x.com/SanDiegoZoo/status/1453110110599868418',
        'Gist：https://gist.github.com/spf13/7896402',
        '帖子：https://www.instagram.com/p/CxOWiQNP2MO/',
      ].map((line) => `<p>${line}</p>`).join(''),
    )
    expect(ruleIds(file)).toEqual(Array(6).fill('hugo-shortcode-embed'))
  })

  it('labels embeds in English with calloutLanguage en', async () => {
    const { html } = await render('{{< youtube abc >}}', { calloutLanguage: 'en' })
    expect(html).toContain('Video: ')
  })

  it('removes an unknown shortcode with a warning naming it, self-closing or not', async () => {
    const { html, file } = await safe('关注 {{< icon "github" >}} 我们 {{< spacer />}}\n\n{{< rawhtml >}}')
    expect(html).toBe('<p>关注 我们</p>')
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      '1:4 Unknown Hugo shortcode `{{< icon "github" >}}`: Weixin cannot run it, so it is removed',
      '1:29 Unknown Hugo shortcode `{{< spacer />}}`: Weixin cannot run it, so it is removed',
      '3:1 Unknown Hugo shortcode `{{< rawhtml >}}`: Weixin cannot run it, so it is removed',
    ])
  })

  it('shows the escaped form `{{</* x */>}}` as the shortcode it writes', async () => {
    const { html, file } = await safe('写 {{</* figure src="a.png" */>}} 即可\n\n{{%/* notice */%}}')
    expect(html).toBe('<p>写 {{&#x3C; figure src="a.png" >}} 即可</p><p>{{% notice %}}</p>')
    expect(file.messages).toEqual([])
  })

  it('leaves shortcodes in code alone', async () => {
    const { html, file } = await safe('`{{< figure src="a" >}}`\n\n```\n{{< youtube x >}}\n```\n\n{{< youtube y >}}')
    expect(html).toContain('<code>{{&#x3C; figure src="a" >}}</code>')
    expect(html).toContain('<pre><code>{{&#x3C; youtube x >}}\n</code></pre>')
    expect(ruleIds(file)).toEqual(['hugo-shortcode-embed'])
  })
})

describe('remark-weixin-hugo-shortcodes: malformed', () => {
  it('keeps a `{{<` that is never closed as text, with a warning at it', async () => {
    const { html, file } = await safe('坏的 {{< figure src="x.png"\n\n还有 {{% notice')
    expect(html).toBe('<p>坏的 {{&#x3C; figure src="x.png"</p><p>还有 {{% notice</p>')
    expect(messages(file)).toEqual(['1:4 hugo-shortcode-malformed', '3:4 hugo-shortcode-malformed'])
  })

  it('keeps an end tag of nothing as written', async () => {
    const { html, file } = await safe('{{< /notice >}}')
    expect(html).toBe('<p>{{&#x3C; /notice >}}</p>')
    expect(file.messages.map((message) => message.reason)).toEqual(['`{{< /notice >}}` ends a `{{< notice >}}` that was not opened before it: kept as written'])
  })

  it('keeps `details` without its end tag as written (hugo-shortcode-unclosed)', async () => {
    const { html, file } = await safe('{{< details summary="x" >}}\n内容')
    expect(html).toBe('<p>{{&#x3C; details summary="x" >}}</p><p>内容</p>')
    expect(messages(file)).toEqual(['1:1 hugo-shortcode-unclosed'])
  })

  it('reports a shortcode inside a block of HTML, which Markdown does not read', async () => {
    const { file } = await safe('<div>\n{{< figure src="a.png" >}}\n</div>')
    expect(messages(file)).toEqual(['1:1 hugo-shortcode-malformed'])
  })

  it('does not take the closing characters inside a quoted parameter, nor mix the delimiters', async () => {
    const { html } = await safe('{{< figure src="a.png" caption="a >}} b" >}}\n\n{{< figure src="b.png" %}}')
    expect(html).toContain('<figcaption>a >}} b</figcaption>')
    expect(html).toContain('<p>{{&#x3C; figure src="b.png" %}}</p>')
  })

  // syntax.ts remembers where a search for `>}}` gave up, so this paragraph is read once, not once per `{{<`.
  it('renders a paragraph of 5,000 unclosed `{{<`, each reported', async () => {
    const { html, messages: found } = await renderMarkdown(`${'{{< a '.repeat(5000)}`)
    expect(html.length).toBeGreaterThan(30_000)
    expect(found.filter((message) => message.ruleId === 'hugo-shortcode-malformed')).toHaveLength(5000)
  })
})
