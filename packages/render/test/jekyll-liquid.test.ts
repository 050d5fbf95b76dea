import { renderMarkdown } from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { renderSafe, ruleIds } from './helpers.js'

// Jekyll posts (`_posts/2026-12-01-title.md`) use Liquid tags, the `{% %}` syntax Hexo's tag
// plugins share: remark-weixin-hexo-tags reads them.
const post = '_posts/2026-12-01-title.md'
const safe = (markdown: string) => renderSafe(markdown, {}, post)

describe('Jekyll’s Liquid tags', () => {
  it('makes `{% highlight ruby linenos %}` a code block in that language, its lines raw', async () => {
    const { html, file } = await safe('{% highlight ruby linenos %}\ndef foo\n  # not a heading\nend\n{% endhighlight %}\n\n{% highlight %}\nplain\n{% endhighlight %}')
    expect(html).toBe('<pre><code class="language-ruby">def foo\n  # not a heading\nend\n</code></pre><pre><code>plain\n</code></pre>')
    expect(file.messages).toEqual([])
  })

  it('keeps `{% highlight %}` without its end tag as written (hexo-tag-unclosed)', async () => {
    const { html, file } = await safe('{% highlight js %}\nconst a = 1\n')
    expect(html).toContain('{% highlight js %}')
    expect(ruleIds(file)).toEqual(['hexo-tag-unclosed'])
  })

  it('reports `{% include %}`, which Weixin cannot run, keeping its arguments as text', async () => {
    const { html, file } = await safe('{% include note.html content="Hi" %}')
    expect(html).toBe('<p>note.html content=Hi</p>')
    expect(ruleIds(file)).toEqual(['hexo-tag-unknown'])
  })

  it('shows what `{% raw %}` protects, and leaves `{{ site.url }}` as text without a message', async () => {
    const { html, messages } = await renderMarkdown(new VFile({ path: post, value: '---\ntitle: t\n---\n\n{% raw %}{{ page.title }}{% endraw %} at {{ site.url }}' }))
    expect(html).toContain('{{ page.title }} at {{ site.url }}')
    expect(messages.filter((message) => message.ruleId !== 'cover-missing')).toEqual([])
  })
})
