import { renderMarkdown } from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const render = (markdown: string) => renderMarkdown(new VFile({ path: 'posts/hello.md', value: markdown }))

describe('remark-weixin-excerpt: <!-- more --> and <!-- truncate -->', () => {
  it.each(['<!-- more -->', '<!--more-->', '<!-- truncate -->', '<!-- MORE -->'])('removes %s and makes the text before it the digest', async (marker) => {
    const { html, article, messages } = await render(`# 标题\n\n第一段 **介绍**。\n\n- 要点\n\n${marker}\n\n正文。\n`)
    expect(article.digest).toBe('第一段 介绍。 要点')
    expect(html).not.toContain('more')
    expect(html).toContain('正文。')
    expect(messages).toEqual([])
  })

  it("reads Docusaurus's MDX marker {/* truncate */} too, after the page's imports are gone", async () => {
    const { html, article } = await renderMarkdown(
      new VFile({ path: 'blog/post.mdx', value: "import Tabs from '@theme/Tabs'\n\n发布说明的摘要。\n\n{/* truncate */}\n\n正文。\n" }),
    )
    expect(article.digest).toBe('发布说明的摘要。')
    expect(html).not.toMatch(/truncate|Tabs/)
  })

  it('leaves the digest of front matter alone', async () => {
    const { article } = await render('---\ndescription: 写好的摘要\n---\n\n引子。\n\n<!-- more -->\n\n正文。\n')
    expect(article.digest).toBe('写好的摘要')
  })

  it('cuts a long excerpt to 120 characters, ending with …', async () => {
    const { article, messages } = await render(`${'长'.repeat(300)}\n\n<!-- more -->\n\n正文\n`)
    expect([...article.digest!]).toHaveLength(120)
    expect(article.digest!.endsWith('长…')).toBe(true)
    expect(messages).toEqual([])
  })

  it('takes no headings, code or HTML into the digest; nothing before the marker means no digest', async () => {
    expect((await render('## 小节\n\n```js\ncode()\n```\n\n<!-- more -->\n\ntext\n')).article.digest).toBeUndefined()
    expect((await render('<!-- more -->\n\ntext\n')).article.digest).toBeUndefined()
  })

  it('only a marker on its own line counts; a comment that merely mentions more is no marker', async () => {
    const { article } = await render('Intro <!-- more --> inline.\n\n<!-- more info here -->\n\nBody\n')
    expect(article.digest).toBeUndefined()
  })
})
