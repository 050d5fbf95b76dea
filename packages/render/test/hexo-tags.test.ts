import { remarkWeixinHexoTags, renderMarkdown, type PostLinkResolver, type RenderOptions } from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { syntaxOf } from '../src/document-syntax.js'
import { splitTagArguments } from '../src/hexo-tags/tag-arguments.js'
import { expectInert, renderSafe, ruleIds } from './helpers.js'

const post = 'source/_posts/hello.md'
const safe = (markdown: string) => renderSafe(markdown, {}, post)
const render = (markdown: string, options: RenderOptions = {}) => renderMarkdown(new VFile({ path: post, value: markdown }), options)

/** The callout sections of safe HTML (classes kept: the theme has not run), as [kind, title]. */
function callouts(html: string): Array<[string, string]> {
  return [...html.matchAll(/<section class="mdwx-callout mdwx-callout-(\w+)">(?:<p class="mdwx-callout-title">([^<]*)<\/p>)?/g)].map((match) => [match[1]!, match[2] ?? ''])
}

const messages = (file: VFile) => file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)

describe('hexo-tags/tag-arguments: Hexo’s argument splitting', () => {
  it('splits on spaces, keeps quoted spaces, joins adjacent pieces, keeps a lone apostrophe', () => {
    expect(splitTagArguments(`info  "警告！  多空格" 'a b'c Don't "q\\"d"`)).toEqual([
      { value: 'info', quoted: false },
      { value: '警告！  多空格', quoted: true },
      { value: 'a bc', quoted: true },
      { value: "Don't", quoted: false },
      { value: 'q"d', quoted: true },
    ])
    expect(splitTagArguments('')).toEqual([])
  })
})

describe('remark-weixin-hexo-tags: note', () => {
  it('is a callout: the first word is the class, the rest the title, the content Markdown', async () => {
    const { html, file } = await safe('{% note info 网站存放在子目录 %}\n如果 **子目录**：\n\n- 一\n{% endnote %}')
    expect(callouts(html)).toEqual([['info', '网站存放在子目录']])
    expect(html).toContain('<p>如果 <strong>子目录</strong>：</p><ul>')
    expect(file.messages).toEqual([])
  })

  it('keeps the spaces of a quoted title, and gives no title the kind’s default one', async () => {
    const { html } = await safe('{% note warn "警告！  两个空格" %}\nx\n{% endnote %}\n\n{% note warning %}\ny\n{% endnote %}')
    expect(callouts(html)).toEqual([
      ['warning', '警告！  两个空格'],
      ['warning', '警告'],
    ])
  })

  it.each([
    ['default', 'note'],
    ['primary', 'note'],
    ['success', 'tip'],
    ['info', 'info'],
    ['warning', 'warning'],
    ['danger', 'danger'],
    ['blue', 'info'],
    ['red', 'danger'],
  ])('reads the class %s as the %s kind', async (name, kind) => {
    const { html } = await safe(`{% note ${name} %}\nx\n{% endnote %}`)
    expect(callouts(html)[0]?.[0]).toBe(kind)
  })

  it('without a class is the default note', async () => {
    const { html } = await safe('{% note %}\nx\n{% endnote %}')
    expect(callouts(html)).toEqual([['note', '注意']])
  })

  it('ignores Butterfly’s and NexT’s style words and icons: they are no title', async () => {
    const { html } = await safe("{% note blue 'fas fa-bullhorn' modern %}\nx\n{% endnote %}\n\n{% note danger no-icon %}\ny\n{% endnote %}\n\n{% note success simple 完成 %}\nz\n{% endnote %}")
    expect(callouts(html)).toEqual([
      ['info', '信息'],
      ['danger', '危险'],
      ['tip', '完成'],
    ])
  })

  it('gives an unknown class the neutral look, titled with the rest or the class (callout-unknown)', async () => {
    const { html, file } = await safe('{% note custom 标题 %}\nx\n{% endnote %}\n\n{% note fancy %}\ny\n{% endnote %}')
    expect(callouts(html)).toEqual([
      ['neutral', '标题'],
      ['neutral', 'fancy'],
    ])
    expect(messages(file)).toEqual(['1:1 callout-unknown', '5:1 callout-unknown'])
    expect(file.messages[0]?.fatal).toBeUndefined()
  })

  it('takes content on the same line as its tags, and tags inside a paragraph', async () => {
    const { html } = await safe('前文 {% note tip %}同一行的 *内容*{% endnote %} 后文')
    expect(html).toBe('<p>前文</p><section class="mdwx-callout mdwx-callout-tip"><p class="mdwx-callout-title">提示</p><p>同一行的 <em>内容</em></p></section><p>后文</p>')
  })

  it('takes an end tag indented into the list that ends the note (as Hexo’s docs write it)', async () => {
    const { html, file } = await safe('{% note warn "警告！" %}\n请看：\n\n- a\n- b\n  {% endnote %}\n\n后文')
    expect(html).toBe('<section class="mdwx-callout mdwx-callout-warning"><p class="mdwx-callout-title">警告！</p><p>请看：</p><ul><li>a</li><li>b</li></ul></section><p>后文</p>')
    expect(file.messages).toEqual([])
  })

  it('nests, inside lists and quotes too', async () => {
    const { html } = await safe('- 步骤\n  {% note info 外 %}\n  {% note danger 内 %}\n  x\n  {% endnote %}\n  {% endnote %}\n\n> {% note %}\n> y\n> {% endnote %}')
    expect(callouts(html)).toEqual([
      ['info', '外'],
      ['danger', '内'],
      ['note', '注意'],
    ])
    expect(html).toMatch(/^<ul><li>步骤\n<section class="mdwx-callout mdwx-callout-info">/)
    expect(html).toContain('<blockquote><section class="mdwx-callout mdwx-callout-note">')
  })

  it('breaks the paragraph it follows', async () => {
    const { html } = await safe('段落\n{% note %}\nx\n{% endnote %}')
    expect(html).toMatch(/^<p>段落<\/p><section/)
  })

  it('titles in English with calloutLanguage: en', async () => {
    const { html } = await render('{% note warn %}\nx\n{% endnote %}', { calloutLanguage: 'en' })
    expect(html).toMatch(/>Warning<\/p>/)
  })
})

describe('remark-weixin-hexo-tags: codeblock', () => {
  it('is a code block in the language, its content raw, never Markdown or tags', async () => {
    const { html, file } = await safe('{% codeblock lang:js %}\nconst a = **b** // {% note %}\n\n  <b>x</b>\n{% endcodeblock %}')
    expect(html).toBe('<pre><code class="language-js">const a = **b** // {% note %}\n\n  &#x3C;b>x&#x3C;/b></code></pre>')
    expect(file.messages).toEqual([])
  })

  it('has its title as a caption above it, and `code` is the same tag', async () => {
    const { html } = await safe('{% code Array.map %}\narray.map(callback)\n{% endcode %}')
    expect(html).toBe('<p class="mdwx-code-title">Array.map</p><pre><code>array.map(callback)\n</code></pre>')
  })

  it('links the caption to its url, with the link text after it (Hexo’s `link` without one)', async () => {
    const { html } = await safe('{% codeblock _.compact http://underscorejs.org/#compact Underscore.js %}\nx\n{% endcodeblock %}\n\n{% codeblock Title https://a.org/b %}\ny\n{% endcodeblock %}')
    expect(html).toContain('<p class="mdwx-code-title">_.compact Underscore.js<sup class="mdwx-ref">[1]</sup></p>')
    expect(html).toContain('<p class="mdwx-code-title">Title link<sup class="mdwx-ref">[2]</sup></p>')
    expect(html).toContain('<p class="mdwx-reference">[1] Underscore.js: http://underscorejs.org/#compact</p><p class="mdwx-reference">[2] link: https://a.org/b</p>')
  })

  it('drops Hexo’s display options from the caption, and passes `mark:` on to the marked lines', async () => {
    const { html } = await safe('{% codeblock 标题 lang:py line_number:false first_line:5 mark:1 %}\nx\n{% endcodeblock %}')
    expect(html).toBe('<p class="mdwx-code-title">标题</p><pre><code class="language-py mdwx-lines-1">x\n</code></pre>')
  })

  it('loses the indentation of its opening tag in a list, and keeps deeper indentation', async () => {
    const { html } = await safe('- 运行：\n\n  {% codeblock lang:sh %}\n  ls\n    -la\n  {% endcodeblock %}')
    expect(html).toContain('<pre><code class="language-sh">ls\n  -la\n</code></pre>')
  })

  it('inside a paragraph splits it', async () => {
    const { html } = await safe('看 {% codeblock %}x = 1{% endcodeblock %} 这里')
    expect(html).toBe('<p>看</p><pre><code>x = 1\n</code></pre><p>这里</p>')
  })
})

describe('remark-weixin-hexo-tags: blockquote', () => {
  it.each([
    ['', '<blockquote><p>内容 <strong>粗</strong></p></blockquote>'],
    ['David Levithan, Wide Awake', '<blockquote><p>内容 <strong>粗</strong></p><p>— David Levithan, Wide Awake</p></blockquote>'],
    ['Seth Godin', '<blockquote><p>内容 <strong>粗</strong></p><p>— Seth Godin</p></blockquote>'],
    [
      '@DevDocs https://twitter.com/devdocs/status/356095192085962752',
      '<blockquote><p>内容 <strong>粗</strong></p><p>— @DevDocs, twitter.com/devdocs/status/356095192085…<sup class="mdwx-ref">[1]</sup></p></blockquote>',
    ],
    [
      'Seth Godin http://sethgodin.typepad.com/a.html Welcome to Island Marketing',
      '<blockquote><p>内容 <strong>粗</strong></p><p>— Seth Godin, Welcome to Island Marketing<sup class="mdwx-ref">[1]</sup></p></blockquote>',
    ],
  ])('blockquote with the arguments "%s" is a quote with its source as the last line', async (args, expected) => {
    const { html, file } = await safe(`{% blockquote ${args} %}\n内容 **粗**\n{% endblockquote %}`)
    expect(html.replace(/<section data-footnotes.*$|<section.*$/, '')).toBe(expected)
    expect(file.messages).toEqual([])
  })

  it('has the alias quote', async () => {
    const { html } = await safe('{% quote 作者 %}\n内容\n{% endquote %}')
    expect(html).toBe('<blockquote><p>内容</p><p>— 作者</p></blockquote>')
  })
})

describe('remark-weixin-hexo-tags: raw', () => {
  it('is the author’s raw HTML, sanitized like any other, never Markdown or tags', async () => {
    const { html, file } = await safe('{% raw %}\n<b>粗</b> **不是粗** {{ x }} {% note %}<script>alert(1)</script>\n{% endraw %}')
    expect(html).toBe('<b>粗</b> **不是粗** {{ x }} {% note %}')
    expect(ruleIds(file)).toEqual([])
  })

  it('works inside a paragraph', async () => {
    const { html } = await safe('a {% raw %}<i>{{ b }}</i>{% endraw %} c')
    expect(html).toBe('<p>a <i>{{ b }}</i> c</p>')
  })
})

describe('remark-weixin-hexo-tags: assets and images', () => {
  it('asset_img reads the post’s asset folder: the folder named after the post file', async () => {
    const { html } = await safe('{% asset_img foo.jpg %}')
    expect(html).toBe('<p><img src="hello/foo.jpg" alt=""></p>')
    const result = await render('{% asset_img foo.jpg %}', { resolveImage: (ref) => `https://mmbiz.qpic.cn/${ref.src}` })
    expect(result.images.map((image) => image.src)).toEqual(['hello/foo.jpg'])
  })

  it('asset_img takes class names, size, title and alt as Hexo does', async () => {
    const cases: Array<[string, string]> = [
      ['post-image foo.jpg', '<img src="hello/foo.jpg" alt="">'],
      ['foo.jpg 500 400', '<img src="hello/foo.jpg" alt="" style="width:500px;height:400px">'],
      ['foo.jpg This is an example image', '<img src="hello/foo.jpg" alt="This is an example image" title="This is an example image">'],
      [`foo.jpg "lorem ipsum'dolor'"`, '<img src="hello/foo.jpg" alt="dolor" title="lorem ipsum">'],
      ['foo.jpg "标题" "替代文字"', '<img src="hello/foo.jpg" alt="替代文字" title="标题">'],
      [`foo.jpg '"title text" "alt text"'`, '<img src="hello/foo.jpg" alt="alt text" title="title text">'],
      ['"spaced asset.jpg" "spaced title"', '<img src="hello/spaced%20asset.jpg" alt="spaced title" title="spaced title">'],
    ]
    for (const [args, expected] of cases) {
      const { html } = await safe(`{% asset_img ${args} %}`)
      expect(html, args).toBe(`<p>${expected}</p>`)
    }
  })

  it('asset_img inside text is an image in the paragraph', async () => {
    const { html } = await safe('图 {% asset_img a.png 图一 %} 说明')
    expect(html).toBe('<p>图 <img src="hello/a.png" alt="图一" title="图一"> 说明</p>')
  })

  it('img takes a path or URL as written', async () => {
    const { html } = await safe('{% img left /images/a.png 100 %}\n\n{% img https://x.org/b.png "标题" %}')
    expect(html).toBe('<p><img src="/images/a.png" alt="" style="width:100px"></p><p><img src="https://x.org/b.png" alt="标题" title="标题"></p>')
  })

  it('asset_path is the path as text, asset_link a link to it (relative: only its text stays later)', async () => {
    const { html } = await safe('下载 {% asset_path a.pdf %} 或 {% asset_link a.pdf "这个文件" %}')
    expect(html).toBe('<p>下载 hello/a.pdf 或 这个文件</p>')
    const result = await render('{% asset_link a.pdf %}')
    expect(result.messages.map((message) => message.ruleId)).toEqual(['link-relative'])
  })

  it('without a post path, asset paths are the names as written', async () => {
    const { html } = await renderSafe('{% asset_img foo.jpg %}')
    expect(html).toBe('<p><img src="foo.jpg" alt=""></p>')
  })
})

describe('remark-weixin-hexo-tags: post_link and post_path', () => {
  const posts: Record<string, { title: string; url?: string }> = {
    'hexo-3-8-released': { title: 'Hexo 3.8 发布', url: 'https://mp.weixin.qq.com/s/abc' },
    draft: { title: '未发布的文章' },
  }
  const resolvePostLink: PostLinkResolver = (slug) => posts[slug]

  it('shows the post’s title, linked to its Weixin article', async () => {
    const { html, messages } = await render('见 {% post_link hexo-3-8-released %} 和 {% post_path hexo-3-8-released %}。', { resolvePostLink })
    expect(html).toContain('见 <a href="https://mp.weixin.qq.com/s/abc" style="color:#0f7b6c">Hexo 3.8 发布</a> 和 <a href="https://mp.weixin.qq.com/s/abc" style="color:#0f7b6c">Hexo 3.8 发布</a>。')
    expect(messages).toEqual([])
  })

  it('shows the given text instead, ignores `escape`, and passes the slug without its #fragment', async () => {
    const seen: string[] = []
    const { html } = await render("{% post_link hexo-3-8-released#usage '<b>bold</b> 标题' false %}", {
      resolvePostLink: (slug, file) => {
        seen.push(`${slug} ${file.path}`)
        return posts[slug]
      },
    })
    expect(html).toContain('<a href="https://mp.weixin.qq.com/s/abc" style="color:#0f7b6c">&#x3C;b>bold&#x3C;/b> 标题</a>')
    expect(seen).toEqual([`hexo-3-8-released ${post}`])
  })

  it('shows the title as text for a post without a Weixin article yet', async () => {
    const { html, messages } = await render('{% post_link draft %}', { resolvePostLink })
    expect(html).toContain('>未发布的文章</p>')
    expect(messages).toEqual([])
  })

  it('shows the slug (or the given text) for an unknown post, with a positioned warning (hexo-post-link)', async () => {
    const { html, messages } = await render('一\n\n见 {% post_link nope %} 和 {% post_link nope2 "文字" %}', { resolvePostLink })
    expect(html).toContain('见 nope 和 文字')
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['3:3', '3:26'].map((at) => `${at} hexo-post-link`))
    expect(messages[0]?.fatal).toBe(false)
    const without = await render('{% post_link nope %}')
    expect(without.messages[0]?.reason).toMatch(/no post list was given/)
  })
})

describe('remark-weixin-hexo-tags: embeds', () => {
  it.each([
    ['youtube lJIrF4YjHfQ', '视频：https://www.youtube.com/watch?v=lJIrF4YjHfQ'],
    ["youtube PL9hW1uS6HUfscJ9DHkOSoOX45MjXduUxo 'playlist' false", '播放列表：https://www.youtube.com/playlist?list=PL9hW1uS6HUfscJ9DHkOSoOX45MjXduUxo'],
    ['vimeo 82090131 640 360', '视频：https://vimeo.com/82090131'],
    ['video https://x.org/v.mp4', '视频：https://x.org/v.mp4'],
    ['iframe https://x.org/demo 100% 300', '网页：https://x.org/demo'],
    ['jsfiddle NmudS tabs=js', 'JSFiddle：https://jsfiddle.net/NmudS/'],
    ['gist 4835365 test.js', 'Gist：https://gist.github.com/4835365'],
  ])('the tag "%s" is a paragraph with a link to it, and an info message (hexo-tag-embed)', async (tag, expected) => {
    const { html, messages } = await render(`{% ${tag} %}`)
    expect(html).toContain(`>${expected}</p>`)
    expect(messages.map((message) => [message.ruleId, message.line, message.column, message.fatal])).toEqual([['hexo-tag-embed', 1, 1, undefined]])
  })

  it('links with the URL as text, which Weixin shows as the address itself (no reference)', async () => {
    const { html } = await safe('{% youtube lJIrF4YjHfQ %}')
    expect(html).toBe('<p>视频：https://www.youtube.com/watch?v=lJIrF4YjHfQ</p>')
  })

  it('labels in English with calloutLanguage: en', async () => {
    const { html } = await render('{% vimeo 1 %}', { calloutLanguage: 'en' })
    expect(html).toContain('>Video: https://vimeo.com/1</p>')
  })
})

describe('remark-weixin-hexo-tags: link, url_for, full_url_for', () => {
  it('link is a link (a numbered reference later)', async () => {
    const { html } = await safe('{% link 首页 https://hexo.io true 标题 %}')
    expect(html).toBe('<p>首页<sup class="mdwx-ref">[1]</sup></p><section class="mdwx-references"><p class="mdwx-references-title">参考链接</p><p class="mdwx-reference">[1] 首页: https://hexo.io</p></section>')
  })

  it('url_for and full_url_for link the path as written: a site path keeps its text', async () => {
    const { html, messages } = await render('{% url_for blog index.html %} {% full_url_for 文档 https://hexo.io/docs/ %}')
    expect(html).toContain('>blog 文档<sup')
    expect(messages.map((message) => message.ruleId)).toEqual(['link-relative'])
  })
})

describe('remark-weixin-hexo-tags: unknown tags (hexo-tag-unknown)', () => {
  it('removes an unknown pair’s tags and keeps its content', async () => {
    const { html, file } = await safe('{% pullquote left %}\n**引文**\n{% endpullquote %}\n\n{% for post in site.posts %}\n文字\n{% endfor %}')
    expect(html).toBe('<p><strong>引文</strong></p><p>文字</p>')
    expect(messages(file)).toEqual(['1:1 hexo-tag-unknown', '5:1 hexo-tag-unknown'])
    expect(file.messages[0]?.reason).toBe('Unknown Hexo tag `{% pullquote left %}`: Weixin cannot run it, its content is kept and its tags removed')
  })

  it('keeps the arguments of an unknown single tag as text, and removes one without', async () => {
    const { html, file } = await safe('{% include_code lang:javascript test.js %}\n\n文字 {% label 标签 red %} 后\n\n{% endplugin_name %}')
    expect(html).toBe('<p>lang:javascript test.js</p><p>文字 标签 red 后</p>')
    expect(messages(file)).toEqual(['1:1 hexo-tag-unknown', '3:4 hexo-tag-unknown', '5:1 hexo-tag-unknown'])
  })

  it('does not let an unknown tag break a paragraph', async () => {
    const { html } = await safe('一行\n{% span red %}\n二行')
    expect(html).toBe('<p>一行\nred\n二行</p>')
  })
})

describe('remark-weixin-hexo-tags: malformed tags', () => {
  it('keeps an opening tag without its end tag as written (hexo-tag-unclosed)', async () => {
    const { html, file } = await safe('{% note info 标题 %}\n内容')
    expect(html).toBe('<p>{% note info 标题 %}</p><p>内容</p>')
    expect(messages(file)).toEqual(['1:1 hexo-tag-unclosed'])
  })

  it('keeps a raw-content tag without its end tag as written; what follows is Markdown (hexo-tag-unclosed)', async () => {
    const { html, file } = await safe('{% codeblock lang:js %}\n**粗**\n\n{% raw %}')
    expect(html).toBe('<p>{% codeblock lang:js %}\n<strong>粗</strong></p><p>{% raw %}</p>')
    expect(messages(file)).toEqual(['1:1 hexo-tag-unclosed', '4:1 hexo-tag-unclosed'])
  })

  it('keeps an end tag without its tag as written (hexo-tag-unopened)', async () => {
    const { html, file } = await safe('文字\n\n{% endnote %}\n\n{% endcodeblock %}')
    expect(html).toBe('<p>文字</p><p>{% endnote %}</p><p>{% endcodeblock %}</p>')
    expect(messages(file)).toEqual(['3:1 hexo-tag-unopened', '5:1 hexo-tag-unopened'])
  })

  it('closes the open tags between an end tag and its opening tag', async () => {
    const { html, file } = await safe('{% note %}\n{% blockquote %}\nx\n{% endnote %}')
    expect(html).toBe('<section class="mdwx-callout mdwx-callout-note"><p class="mdwx-callout-title">注意</p><p>{% blockquote %}</p><p>x</p></section>')
    expect(messages(file)).toEqual(['2:1 hexo-tag-unclosed'])
  })

  it('keeps a `{%` never closed on its line as text, with its position (hexo-tag-malformed)', async () => {
    const { html, file } = await safe('前文\n\n见 {% note info\n后文 %} 与 \\{% 转义')
    expect(html).toBe('<p>前文</p><p>见 {% note info\n后文 %} 与 {% 转义</p>')
    expect(messages(file)).toEqual(['3:3 hexo-tag-malformed'])
  })

  it('removes a `%}` written twice after a tag (hexo-tag-malformed)', async () => {
    const { html, file } = await safe('{% note warn "警告！" %} %}\n内容\n{% endnote %}')
    expect(callouts(html)).toEqual([['warning', '警告！']])
    expect(html).not.toContain('%}')
    expect(messages(file)).toEqual(['1:1 hexo-tag-malformed'])
  })

  it('reports a tag a block of HTML swallowed: Markdown reads nothing there (hexo-tag-malformed)', async () => {
    const { html, file } = await safe('<div>\n{% note %}\n</div>\n\n<!-- {% note %} -->')
    expect(html).toBe('<section>\n{% note %}\n</section>')
    expect(messages(file)).toEqual(['1:1 hexo-tag-malformed'])
  })

  it('keeps a tag without its required arguments as written (hexo-tag-malformed)', async () => {
    const { html, file } = await safe('{% youtube %}\n\n{% post_link %}')
    expect(html).toBe('<p>{% youtube %}</p><p>{% post_link %}</p>')
    expect(messages(file)).toEqual(['1:1 hexo-tag-malformed', '3:1 hexo-tag-malformed'])
  })

  it('keeps a pair whose tags are in different containers as written (hexo-tag-misnested)', async () => {
    const { html, file } = await safe('- {% note %}\n- x\n\n{% endnote %}\n\n# {% note %} {% endnote %}')
    expect(html).toBe('<ul><li>{% note %}</li><li>x</li></ul><p>{% endnote %}</p><h1>{% note %} {% endnote %}</h1>')
    expect(messages(file)).toEqual(['1:3 hexo-tag-misnested', '6:3 hexo-tag-misnested'])
  })
})

describe('remark-weixin-hexo-tags: code stays code', () => {
  it('never reads tags in fenced, indented or inline code', async () => {
    const { html, file } = await safe('```\n{% note %}\n{% post_link a %}\n```\n\n    {% youtube x %}\n\n`{% asset_img a.png %}` 和 `{% note %}`')
    expect(html).toBe('<pre><code>{% note %}\n{% post_link a %}\n</code></pre><pre><code>{% youtube x %}\n</code></pre><p><code>{% asset_img a.png %}</code> 和 <code>{% note %}</code></p>')
    expect(file.messages).toEqual([])
  })

  it('unwraps `{% raw %}` in inline code, as Hexo does (how its docs show a tag)', async () => {
    const { html } = await safe('`{% raw %}{% post_link a %}{% endraw %}` 与 `Site: {% raw %}{{ now() }}{% endraw %}`')
    expect(html).toBe('<p><code>{% post_link a %}</code> 与 <code>Site: {{ now() }}</code></p>')
  })
})

describe('remark-weixin-hexo-tags: XSS in titles and arguments', () => {
  it.each([
    '{% note info <img src=x onerror=alert(1)> %}\nx\n{% endnote %}',
    '{% note "<script>alert(1)</script>" %}\nx\n{% endnote %}',
    '{% codeblock <img/src/onerror=alert(1)> javascript:alert(1) %}\nx\n{% endcodeblock %}',
    '{% codeblock a https://x.org <img src=x onerror=alert(1)> %}\nx\n{% endcodeblock %}',
    '{% link 点我 javascript:alert(1) %}',
    '{% link <b onmouseover=alert(1)>x</b> https://x.org %}',
    '{% iframe javascript:alert(1) %}',
    '{% video JaVaScRiPt:alert(1) %}',
    '{% blockquote <svg/onload=alert(1)> javascript:alert(1) %}\nx\n{% endblockquote %}',
    '{% asset_img javascript:alert(1) "<img src=x onerror=alert(1)>" %}',
    '{% img data:text/html,<script>alert(1)</script> %}',
    '{% raw %}<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>{% endraw %}',
    '{% asset_link "x\\" onclick=\\"alert(1)" %}',
    '{% youtube "x\\"><script>alert(1)</script>" %}',
  ])('%s renders inert', async (markdown) => {
    const { html } = await renderSafe(markdown, { clean: true }, post)
    expectInert(html)
    expect(html).not.toMatch(/<(?:img|b|svg|script)[^>]*on[a-z]+=|href="javascript:|src="(?:javascript|data:text)/i)
    const full = await render(markdown)
    expectInert(full.html)
  })

  it('writes a note title as text', async () => {
    const { html } = await safe('{% note info <img src=x onerror=alert(1)> %}\nx\n{% endnote %}')
    expect(callouts(html)).toEqual([['info', '&#x3C;img src=x onerror=alert(1)>']])
  })
})

describe('remark-weixin-hexo-tags: registration', () => {
  it('is registered only for documents with a `{%`', () => {
    expect(syntaxOf('{% note %}').hexoTags).toBe(true)
    expect(syntaxOf('100% {done}').hexoTags).toBe(false)
  })

  it('rejects invalid options', () => {
    expect(() => remarkWeixinHexoTags.call(fakeProcessor(), { language: 'fr' as 'zh' })).toThrow(/Expected one of zh, en for language/)
    expect(() => remarkWeixinHexoTags.call(fakeProcessor(), { resolvePostLink: 'x' as unknown as PostLinkResolver })).toThrow(/Expected a function for resolvePostLink/)
  })
})

function fakeProcessor(): ThisParameterType<typeof remarkWeixinHexoTags> {
  const data: Record<string, unknown> = {}
  return { data: () => data } as unknown as ThisParameterType<typeof remarkWeixinHexoTags>
}
