import { rehypeWeixinLinks } from '@mdwx/render'
import { describe, expect, it } from 'vitest'
import { renderSafe, ruleIds } from './helpers.js'

const references = (entries: string[], title = '参考链接') =>
  `<section class="mdwx-references"><p class="mdwx-references-title">${title}</p>${entries
    .map((entry) => `<p class="mdwx-reference">${entry}</p>`)
    .join('')}</section>`

describe('rehype-weixin-links', () => {
  it('turns external links into text with a numbered reference, one number per URL', async () => {
    const { html, file } = await renderSafe(
      'See [the docs](https://example.com/docs), [again](https://example.com/docs) and [MDN](http://mdn.dev "t").',
    )
    expect(html).toBe(
      '<p>See the docs<sup class="mdwx-ref">[1]</sup>, again<sup class="mdwx-ref">[1]</sup> and MDN<sup class="mdwx-ref">[2]</sup>.</p>' +
        references(['[1] the docs: https://example.com/docs', '[2] MDN: http://mdn.dev']),
    )
    expect(file.messages).toEqual([])
  })

  it('keeps the label of a link that is only inline code as code in the references', async () => {
    const { html } = await renderSafe('[`{% raw %}`](https://example.com/raw) and [`a` b](https://example.com/ab)')
    expect(html).toContain(references(['[1] <code>{% raw %}</code>: https://example.com/raw', '[2] a b: https://example.com/ab']))
  })

  it('keeps links to Weixin articles as links with only an href', async () => {
    const { html } = await renderSafe('[文章](https://mp.weixin.qq.com/s/abc "title") <a href="http://mp.weixin.qq.com/s?x=1" title="t">b</a>')
    expect(html).toBe('<p><a href="https://mp.weixin.qq.com/s/abc">文章</a> <a href="http://mp.weixin.qq.com/s?x=1">b</a></p>')
  })

  it('does not mistake look-alike hosts for Weixin', async () => {
    const { html } = await renderSafe('[x](https://mp.weixin.qq.com.evil.org/s) [y](https://evil.org/?mp.weixin.qq.com)')
    expect(html).toContain('x<sup class="mdwx-ref">[1]</sup> y<sup class="mdwx-ref">[2]</sup>')
  })

  it('turns autolinks whose text is the URL into plain text', async () => {
    const { html } = await renderSafe('<https://a.org/x> https://b.org www.c.org <d@e.org>')
    expect(html).toBe('<p>https://a.org/x https://b.org www.c.org d@e.org</p>')
  })

  it('turns autolinks into plain text also when their URL is percent-encoded in the href', async () => {
    const { html } = await renderSafe('https://例子.com/路径 <https://a.org/空>')
    expect(html).toBe('<p>https://例子.com/路径 https://a.org/空</p>')
  })

  it('reads the scheme of a URL in any case and with spaces around it, as browsers do', async () => {
    const { html, file } = await renderSafe(
      '[x](HTTPS://x.org) <a href=" Http://y.org/P ">y</a> <a href="HTTPS://mp.weixin.qq.com/s/x">w</a> <HTTPS://z.org>',
    )
    expect(html).toBe(
      '<p>x<sup class="mdwx-ref">[1]</sup> y<sup class="mdwx-ref">[2]</sup> <a href="https://mp.weixin.qq.com/s/x">w</a> HTTPS://z.org</p>' +
        references(['[1] x: https://x.org', '[2] y: http://y.org/P']),
    )
    expect(file.messages).toEqual([])
  })

  it('drops the href of in-page anchors', async () => {
    const { html, file } = await renderSafe('[up](#top)')
    expect(html).toBe('<p>up</p>')
    expect(file.messages).toEqual([])
  })

  it('warns about relative links, which Weixin cannot follow (link-relative)', async () => {
    const { html, file } = await renderSafe('Read [next](./next.md).')
    expect(html).toBe('<p>Read next.</p>')
    expect(ruleIds(file)).toEqual(['link-relative'])
    expect(file.messages[0]?.reason).toContain('"./next.md"')
    expect(file.messages[0]?.line).toBe(1)
    expect(file.messages[0]?.column).toBe(6)
  })

  it('turns unsafe links into text without a reference (link-unsafe)', async () => {
    const { html, file } = await renderSafe('[click](javascript:alert(1)) and <javascript:alert(2)>')
    expect(html).toBe('<p>click and </p>')
    expect(ruleIds(file)).toEqual(['link-unsafe', 'link-unsafe'])
  })

  it('keeps an image inside a link and names it by its alt text', async () => {
    const { html } = await renderSafe('[![Logo](logo.png)](https://example.com)')
    expect(html).toBe(
      '<p><img src="logo.png" alt="Logo"><sup class="mdwx-ref">[1]</sup></p>' + references(['[1] Logo: https://example.com']),
    )
  })

  it('lists a URL without text alone, and completes protocol-relative URLs', async () => {
    const { html } = await renderSafe('[![](a.png)](//cdn.example.com/a)')
    expect(html).toContain('<p class="mdwx-reference">[1] https://cdn.example.com/a</p>')
  })

  it('numbers links in footnotes after those in the text, and lists references after the notes, numbered on from them', async () => {
    const { html } = await renderSafe('a[^1] [b](https://b.org)\n\n[^1]: see [c](https://c.org)')
    expect(html.indexOf('mdwx-footnotes')).toBeLessThan(html.indexOf('mdwx-references'))
    // One note, [1]: the references are [2] and [3], so every mark names one entry at the end.
    expect(html).toContain('a<sup class="mdwx-fnref">[1]</sup> b<sup class="mdwx-ref">[2]</sup>')
    expect(html).toContain('[2] b: https://b.org</p><p class="mdwx-reference">[3] c: https://c.org')
  })

  it('takes its title from the title option', async () => {
    const { html } = await renderSafe('[a](https://a.org)', { referencesTitle: 'References' })
    expect(html).toContain('<p class="mdwx-references-title">References</p>')
  })

  it('validates its options', () => {
    expect(() => rehypeWeixinLinks({ title: 3 as unknown as string })).toThrow('Expected a string for title, got 3')
  })
})
