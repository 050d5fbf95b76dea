import { remarkWeixinEmoji, renderMarkdown } from '@mdwx/render'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { expectInert, renderSafe } from './helpers.js'

async function emoji(markdown: string): Promise<string> {
  const { html, file } = await renderSafe(markdown, { clean: true })
  expect(file.messages).toEqual([])
  return html
}

describe('remark-weixin-emoji: GitHub shortcodes from gemoji', () => {
  it.each([
    [':tada:', '🎉'],
    [':+1:', '👍'],
    [':-1:', '👎'],
    [':thumbsup:', '👍'],
    [':white_check_mark:', '✅'],
    [':100:', '💯'],
    [':t-rex:', '🦖'],
    [':8ball:', '🎱'],
    [':heart:', '❤️'],
  ])('%s becomes %s', async (shortcode, shown) => {
    expect(await emoji(`发布 ${shortcode} 了`)).toBe(`<p>发布 ${shown} 了</p>`)
  })

  it('changes shortcodes at a line start, after punctuation, next to Chinese, one after another, and in headings, lists, tables, links and emphasis', async () => {
    expect(await emoji(':tada: 开始\n(:smile:) 完成:white_check_mark:了 :+1::+1:')).toBe('<p>🎉 开始\n(😄) 完成✅了 👍👍</p>')
    expect(await emoji('## 标题 :rocket:\n\n- 项 :bug:\n\n*强调 :fire:* [链接 :star:](https://x.org)')).toBe(
      '<h2>标题 🚀</h2><ul><li>项 🐛</li></ul><p><em>强调 🔥</em> 链接 ⭐<sup>[1]</sup></p><section><p>参考链接</p><p>[1] 链接 ⭐: https://x.org</p></section>',
    )
    expect(await emoji('a | b\n--|--\n:ok: | :x:')).toContain('<td>🆗</td>')
  })

  it('leaves names gemoji does not know, times, namespaced names and shortcodes against letters or digits', async () => {
    for (const text of [':client:', '10:30:45', 'vite:client:connect', 'a:tada:', ':tada:b', '1:100:2', 'std::tada::x', 'Vec::new::from', 'a::ok:', ':ok::b', ':TADA:', ': tada :', ':tada', 'tada:', '::']) {
      expect(await emoji(text), text).toBe(`<p>${text}</p>`)
    }
  })

  it('leaves shortcodes in code, math, raw HTML attributes, URLs and image alt text', async () => {
    expect(await emoji('`:tada:`')).toBe('<p><code>:tada:</code></p>')
    expect(await emoji('```\n:tada:\n```')).toBe('<pre><code>:tada:\n</code></pre>')
    expect(await emoji('见 https://x.org/:tada:/a 与 www.x.org/:+1:')).toBe('<p>见 https://x.org/:tada:/a 与 www.x.org/:+1:</p>')
    expect(await emoji('<https://x.org/:tada:>')).toBe('<p>https://x.org/:tada:</p>')
    expect(await emoji('![:tada:](a.png)')).toBe('<p><img src="a.png" alt=":tada:"></p>')
    const tree = unified().use(remarkParse).parse('<span title=":tada:">x</span>\n\n<div>\n:tada:\n</div>')
    await unified().use(remarkWeixinEmoji).run(tree)
    expect(JSON.stringify(tree).match(/:tada:/g)).toHaveLength(2)
  })

  it('changes nothing else in a text node', async () => {
    expect(await emoji('a :smile: b :nope: c :smile:')).toBe('<p>a 😄 b :nope: c 😄</p>')
  })

  it('does not take `:constructor:` or other Object prototype names for emoji', async () => {
    for (const name of ['constructor', 'toString', '\\_\\_proto\\_\\_', 'hasOwnProperty']) {
      expect(await emoji(`x :${name}: y`), name).toBe(`<p>x :${name.replaceAll('\\', '')}: y</p>`)
    }
  })

  it('inserts the emoji as text, never markup, next to escaped HTML', async () => {
    const html = await emoji('\\<img src=x onerror=alert(1)\\> :tada: <b onmouseover="alert(1)">:fire:</b>')
    expect(html).toBe('<p>&#x3C;img src=x onerror=alert(1)> 🎉 <b>🔥</b></p>')
    expectInert(html.replace('&#x3C;img src=x onerror=alert(1)>', ''))
  })

  it('works as a plain unified plugin', async () => {
    const html = String(await unified().use(remarkParse).use(remarkWeixinEmoji).use(remarkRehype).use(rehypeStringify).process('好 :tada:'))
    expect(html).toBe('<p>好 🎉</p>')
  })

  it('renders through the full pipeline, with a message-free article', async () => {
    const { html, messages } = await renderMarkdown(new VFile({ path: 'e.md', value: '完成 :white_check_mark:，时间 10:30:45' }))
    expect(html).toContain('完成 ✅，时间 10:30:45')
    expect(messages).toEqual([])
  })
})
