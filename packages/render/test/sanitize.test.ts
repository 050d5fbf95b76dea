import { InvalidOptionError } from '@mdwx/errors'
import { rehypeWeixinRaw, weixinSchema } from '@mdwx/render'
import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { renderSafe, renderWithRawParsedAs, ruleIds } from './helpers.js'

/** weixinSchema on its own, after raw HTML is parsed. */
async function sanitize(markdown: string): Promise<string> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeWeixinRaw)
    .use(rehypeSanitize, weixinSchema)
    .use(rehypeStringify)
  return String(await processor.process(markdown)).replace(/>\n+</g, '><').trim()
}

describe('weixinSchema', () => {
  it('keeps the elements and attributes Weixin keeps', async () => {
    const html = await sanitize(
      '<p align="center" title="t">a <strong>b</strong> <em>c</em> <u>d</u> <s>e</s> <sub>1</sub><sup>2</sup> <mark>m</mark> <kbd>k</kbd> <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby></p>',
    )
    expect(html).toBe(
      '<p align="center" title="t">a <strong>b</strong> <em>c</em> <u>d</u> <s>e</s> <sub>1</sub><sup>2</sup> <mark>m</mark> <kbd>k</kbd> <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby></p>',
    )
  })

  it('keeps style for the style guard, and table cell spans and alignment', async () => {
    const html = await sanitize('<table><tr><td colspan="2" rowspan="3" align="right" style="color:red">x</td></tr></table>')
    expect(html).toBe('<table><tbody><tr><td colspan="2" rowspan="3" align="right" style="color:red">x</td></tr></tbody></table>')
  })

  it('keeps className only as language-* on code, and mdwx-* on code, section, p and span', async () => {
    expect(await sanitize('```js\nx\n```')).toBe('<pre><code class="language-js">x\n</code></pre>')
    expect(await sanitize('<code class="language-ts evil">x</code> <b class="x" id="y">z</b>')).toBe('<p><code class="language-ts">x</code> <b>z</b></p>')
    // Where mdwx's own classes may be, others are emptied here; rehype-weixin-clean removes the attribute.
    expect(await sanitize('<section class="mdwx-callout evil"><p class="mdwx-callout-title x">t</p><span class="y">z</span></section>')).toBe(
      '<section class="mdwx-callout"><p class="mdwx-callout-title">t</p><span class="">z</span></section>',
    )
  })

  it('keeps start on ordered lists and img attributes', async () => {
    expect(await sanitize('3. a\n4. b')).toBe('<ol start="3"><li>a</li><li>b</li></ol>')
    expect(await sanitize('<img src="a.png" alt="A" title="T" width="10" height="20" onerror="x()">')).toBe(
      '<img src="a.png" alt="A" title="T" width="10" height="20">',
    )
  })

  it('keeps what GFM task lists and footnotes need until their plugins consume it', async () => {
    expect(await sanitize('- [x] done')).toBe(
      '<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" checked disabled> done</li></ul>',
    )
    const notes = await sanitize('a[^1]\n\n[^1]: n')
    expect(notes).toContain('<a href="#user-content-fn-1" data-footnote-ref>1</a>')
    expect(notes).toContain('<section data-footnotes class="">')
    expect(notes).toContain('data-footnote-backref')
    expect(notes).not.toMatch(/\sid=|aria-/)
  })

  it('allows checkboxes only inside list items, whatever type the author asked for', async () => {
    expect(await sanitize('<p>a <input type="text" value="v"> b</p>')).toBe('<p>a  b</p>')
    expect(await sanitize('<ul><li><input type="image" src="x.png">c</li></ul>')).toBe(
      '<ul><li><input type="checkbox" disabled>c</li></ul>',
    )
  })

  it('drops script, style and raw-text elements with their content', async () => {
    expect(
      await sanitize('<p>a<script>alert(1)</script><style>p{}</style><textarea>t</textarea><noscript>n</noscript>b</p>'),
    ).toBe('<p>ab</p>')
  })

  it('unwraps other elements so their text stays', async () => {
    expect(await sanitize('<p><font color="red">red</font> <blink>b</blink></p>\n<details><summary>s</summary>d</details>')).toBe(
      '<p>red b</p>\nsd',
    )
  })

  it('turns raw div blocks into sections', async () => {
    expect(await sanitize('<div style="text-align:center">\n\nc\n\n</div>')).toBe('<section style="text-align:center"><p>c</p></section>')
  })

  it('allows http, https, mailto and relative links, http(s), relative and data images', async () => {
    const html = await sanitize(
      '<a href="https://a.org">1</a><a href="mailto:a@b.org">2</a><a href="./x">3</a><a href="ftp://x">4</a><img src="data:image/png;base64,AA=="><img src="ftp://x/y.png">',
    )
    expect(html).toBe(
      '<p><a href="https://a.org">1</a><a href="mailto:a@b.org">2</a><a href="./x">3</a><a>4</a><img src="data:image/png;base64,AA=="><img></p>',
    )
  })

  it('drops comments and doctypes', async () => {
    expect(await sanitize('<!-- secret -->\n\ntext')).toBe('<p>text</p>')
  })

  it('is complete: nothing falls back to GitHub defaults such as id clobbering', () => {
    expect(weixinSchema.clobber).toEqual([])
    expect(weixinSchema.tagNames).not.toContain('div')
    expect(weixinSchema.tagNames).not.toContain('details')
  })
})

describe('rehype-weixin-raw', () => {
  function run(markdown: string, options?: { blockwise: boolean }) {
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeWeixinRaw, options)
    return processor.run(processor.parse(markdown)) as Promise<Root>
  }

  it('leaves a tree without raw HTML as it is (no parse5 pass)', async () => {
    const tree = await run('plain *text*')
    const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true })
    expect(tree).toEqual(await processor.run(processor.parse('plain *text*')))
  })

  it('parses raw HTML and marks the elements it made', async () => {
    const tree = await run('![md](a.png) <img src="b.png">')
    const paragraph = tree.children[0]
    expect(paragraph?.type === 'element' && paragraph.children.map((child) => (child.type === 'element' ? child.data : 'text'))).toEqual([
      undefined,
      'text',
      { fromRawHtml: true },
    ])
  })

  it('parses the Markdown inside an element the author left open as its content', async () => {
    const tree = await run('<div align="center">\n\n# Title\n\n</div>\n\nafter')
    expect(toHtml(tree).replace(/\n/g, '')).toBe('<section align="center"><h1>Title</h1></section><p>after</p>')
  })

  // Whole tree at once is what rehype-raw does; block by block must give the very same tree
  // below the root (whose own position and data no step reads).
  const blockDocuments = {
    'balanced blocks and inline tags': '<p align="center"><img src="a.png"></p>\n\nText <b>bold</b> <br> end.\n\n<!-- note -->',
    'an element left open around Markdown': '<div>\n\n# Title\n\n- a\n\n</div>\n\nafter',
    'a formatting element never closed': '<b>\n\none\n\ntwo',
    'a table row outside a table': '<tr>\n\n# heading\n\n<td>cell',
    'a nested list beside raw HTML': '<br>\n\n- item\n  - nested\n- <i>x</i>',
    'a block tag inside a paragraph': 'a <div>b</div> c\n\n*d* <p>e</p>',
    'a comment and text in one block': '<!-- a -->text\n\nnext',
    'a raw table': '<table><tr><td>1</td></tr></table>\n\n| a |\n| - |\n| <b>2</b> |',
  }
  for (const [name, markdown] of Object.entries(blockDocuments)) {
    it(`gives the same tree block by block as whole: ${name}`, async () => {
      expect((await run(markdown)).children).toEqual((await run(markdown, { blockwise: false })).children)
    })
  }

  it('refuses a blockwise option that is not a boolean', () => {
    expect(() => rehypeWeixinRaw({ blockwise: 'yes' as unknown as boolean })).toThrow(InvalidOptionError)
  })

  it('closes a raw-text element the author left open, so the Markdown after it survives', async () => {
    expect(await sanitize('<iframe src="https://x.org">\n\n**after**')).toBe('<p><strong>after</strong></p>')
    expect(await sanitize('a <textarea> b')).toBe('<p>a  b</p>')
    expect(await sanitize('a <script>alert(1)</script> b')).toBe('<p>a  b</p>')
  })

  it('closes select, option, datalist and template left open, so the rest of the article survives', async () => {
    for (const tag of ['select', 'option', 'datalist', 'template']) {
      for (const parsing of ['blocks', 'whole tree'] as const) {
        const { html, messages } = await renderWithRawParsedAs(parsing, `intro\n\n<${tag}>\n\n**after**\n\n- list`)
        expect(html, `<${tag}>, ${parsing}`).toMatch(/intro<\/p>.*<strong[^>]*>after<\/strong>.*list/s)
        expect(messages).toEqual([])
      }
    }
    expect(await sanitize('a <select><option>x</option> b\n\n**after**')).toBe('<p>a  b</p><p><strong>after</strong></p>')
    expect(await sanitize('<template>\n<template></template>\n\n**after**')).toBe('<p><strong>after</strong></p>')
  })

  it('cuts out a <plaintext> tag, which nothing can close, and says so (html-unclosed)', async () => {
    for (const parsing of ['blocks', 'whole tree'] as const) {
      const { html, messages } = await renderWithRawParsedAs(parsing, 'intro <plaintext class="x"> mid\n\n**after**')
      expect(html).toMatch(/intro  mid<\/p><p[^>]*><strong[^>]*>after<\/strong>/)
      expect(messages).toEqual([
        '{"start":{"line":1,"column":7,"offset":6},"end":{"line":1,"column":28,"offset":27}} html-unclosed `<plaintext>` was removed: nothing can close it, so it would turn the rest of the article into plain text. Use `<pre>` for preformatted text',
      ])
    }
    expect(await sanitize('a <script>"<plaintext>"</script> b')).toBe('<p>a  b</p>')
  })

  it('says when an element left open or a comment never closed takes the Markdown after it with it (html-unclosed)', async () => {
    const script = await renderSafe('intro\n\n<script>\n\n**after**')
    expect(script.html).toBe('<p>intro</p>')
    expect(ruleIds(script.file)).toEqual(['html-unclosed'])
    expect(script.file.messages[0]?.reason).toBe('`<script>` is never closed: the Markdown after it is taken as its content and removed with it. Close it with `</script>`')
    expect(script.file.messages[0]?.line).toBe(3)
    const comment = await renderSafe('intro\n\n<!-- draft\n\n**after**')
    expect(comment.html).toBe('<p>intro</p>')
    expect(comment.file.messages.map((message) => message.reason)).toEqual([
      'An HTML comment is never closed: the Markdown after it is taken as part of it and removed with it. Close it with `-->`',
    ])
    const closed = await renderSafe('<script>\n\nx\n</script>\n\n<!-- a\n\nb -->\n\n<textarea>\nx')
    expect(closed.file.messages).toEqual([])
  })
})
