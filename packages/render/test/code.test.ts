import { readFile } from 'node:fs/promises'
import { InvalidOptionError } from '@mdwx/errors'
import { rehypeWeixinCode, rehypeWeixinLists, rehypeWeixinTables, renderMarkdown } from '@mdwx/render'
import { describe, expect, it } from 'vitest'
import { elements, inner, present, styleMap, type PresentationOptions } from './presentation.js'

const nbsp = '\u00a0'
const layout = 'white-space:nowrap;overflow-x:auto'

/** The content of the one code block of a markdown snippet, with the given theme. */
async function block(markdown: string, theme?: string, tabSize?: number): Promise<string> {
  const options: PresentationOptions = {}
  if (theme !== undefined) options.theme = theme
  if (tabSize !== undefined) options.after = [[rehypeWeixinCode, { tabSize }], rehypeWeixinLists, rehypeWeixinTables]
  const html = inner(await present(markdown, options))
  const match = /^<pre[^>]*>([\s\S]*)<\/pre>$/.exec(html)
  expect(match, html).not.toBeNull()
  return match![1]!
}

describe('rehype-weixin-code: layout', () => {
  it('keeps indentation as non-breaking spaces and lines as <br>', async () => {
    expect(await block('```\nif (a) {\n  b()\n    c()\n}\n```')).toBe(`if (a) {<br>${nbsp.repeat(2)}b()<br>${nbsp.repeat(4)}c()<br>}`)
  })

  it('keeps runs of spaces, leaves single spaces between words plain', async () => {
    expect(await block('```\na = 1  # two\nb =  2 \n```')).toBe(`a = 1${nbsp}${nbsp}# two<br>b =${nbsp}${nbsp}2${nbsp}`)
  })

  it('expands tabs to the next tab stop, every 4 columns by default', async () => {
    expect(await block('```\n\tx\nab\tc\n```')).toBe(`${nbsp.repeat(4)}x<br>ab${nbsp.repeat(2)}c`)
  })

  it('expands tabs with the tabSize option', async () => {
    expect(await block('```\n\tx\n\t\ty\n```', undefined, 2)).toBe(`${nbsp.repeat(2)}x<br>${nbsp.repeat(4)}y`)
  })

  it('refuses a tab size that is not a positive integer', () => {
    expect(() => rehypeWeixinCode({ tabSize: 0 })).toThrow(InvalidOptionError)
    expect(() => rehypeWeixinCode({ tabSize: 2.5 })).toThrow(/Expected a positive integer for tabSize, got 2.5/)
  })

  it('keeps blank lines, and does not end the block with an empty line', async () => {
    expect(await block('```\na\n\n\nb\n```')).toBe('a<br><br><br>b')
  })

  it('keeps lines whole: long lines scroll sideways instead of wrapping', async () => {
    const long = 'x'.repeat(300)
    const html = await present(`\`\`\`\n${long} ${long}\n\`\`\``)
    expect(elements(html, 'pre')[0]?.properties['style']).toBe(layout)
  })

  it('keeps the theme’s own choice of wrapping and overflow', async () => {
    const html = await present('```\nx\n```', { theme: 'pre { white-space: pre-wrap; overflow: hidden }' })
    expect(elements(html, 'pre')[0]?.properties['style']).toBe('white-space:pre-wrap;overflow:hidden')
  })

  it('lays out a raw <pre> without <code> the same way', async () => {
    expect(await block('<pre>a\n  b</pre>')).toBe(`a<br>${nbsp.repeat(2)}b`)
  })

  it('keeps runs of spaces in inline code', async () => {
    const html = await present('`a  b c`')
    expect(html).toContain(`<code>a${nbsp}${nbsp}b c</code>`)
  })
})

describe('rehype-weixin-code: tokens', () => {
  const keywords = ':root { color: #333 } .hljs-keyword { color: #c00 } .hljs-string { color: #080 } .hljs-title { color: #333 }'

  it('merges neighbouring tokens of one colour across the spaces between them', async () => {
    expect(await block('```js\nreturn new Foo()\n```', keywords)).toBe('<span style="color:#c00">return new</span> Foo()')
  })

  it('writes tokens in the block’s own colour as bare text', async () => {
    expect(await block('```js\nfunction go() {}\n```', keywords)).toBe('<span style="color:#c00">function</span> go() {}')
  })

  it('keeps a line break inside a token that spans lines', async () => {
    const html = await block('```js\n/* a\n   b */ x\n```', ':root { color: #333 } .hljs-comment { color: #999 }')
    expect(html).toBe(`<span style="color:#999">/* a<br>${nbsp.repeat(3)}b */</span> x`)
  })

  it('draws bold-only and italic-only tokens with <b> and <i>', async () => {
    const css = '.hljs-keyword { font-weight: bold } .hljs-comment { font-style: italic }'
    expect(await block('```js\nlet x // c\n```', css)).toBe('<b>let</b> x <i>// c</i>')
  })

  it('combines the styles of nested tokens, the inner one winning', async () => {
    const css = '.hljs-string { color: #080; font-style: italic } .hljs-subst { color: #333; font-weight: bold }'
    const html = await block('```js\n`a ${b} c`\n```', css)
    expect(html).toBe('<span style="color:#080;font-style:italic">`a </span><span style="font-style:italic;color:#333;font-weight:bold">${b}</span><span style="color:#080;font-style:italic"> c`</span>')
  })

  it('does not let a space take a style that shows on spaces', async () => {
    const css = '.hljs-keyword { background: #ff0 }'
    expect(await block('```js\nreturn new\n```', css)).toBe('<span style="background:#ff0">return</span> <span style="background:#ff0">new</span>')
  })

  it('moves the styles of <code> onto <pre> when that changes nothing', async () => {
    const css = 'pre { background: #eee; font-size: 14px } pre code { font-family: Menlo, monospace; font-size: 1em; background: none; padding: 0 }'
    const html = await present('```\nx\n```', { theme: css })
    expect(html).toBe(`<section><pre style="background:#eee;font-size:14px;font-family:Menlo,monospace;${layout}">x</pre></section>`)
  })

  it('keeps <code> when its own box shows', async () => {
    const html = await present('```\nx\n```', { theme: 'pre code { display: block; padding: 1em; font-size: 90% }' })
    const code = elements(html, 'code')[0]
    expect(styleMap(code)).toEqual({ display: 'block', padding: '1em', 'font-size': '90%' })
    expect(code?.properties['className']).toBeUndefined()
  })
})

describe('rehype-weixin-code: size', () => {
  it('keeps a code-heavy article within 4× its source characters', async () => {
    const source = await readFile(new URL('../../../examples/posts/02-async-await.md', import.meta.url), 'utf8')
    const { html } = await renderMarkdown(source)
    expect([...html].length).toBeLessThan(4 * [...source].length)
  })

  it('keeps a 3,000-character code block within 4× its characters', async () => {
    const code = [
      'export async function mapWithLimit(items, limit, task) {',
      '  const results = new Array(items.length) // one slot per item',
      '  let next = 0',
      '  async function worker() {',
      '    while (next < items.length) {',
      '      const index = next++',
      "      results[index] = await task(items[index], index, 'worker')",
      '    }',
      '  }',
      '  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))',
      '  return results',
      '}',
    ].join('\n')
    const text = Array.from({ length: 8 }, () => code).join('\n\n')
    expect(text.length).toBeGreaterThan(3000)
    const { html } = await renderMarkdown('```js\n' + text + '\n```')
    expect(html.length).toBeLessThan(4 * text.length)
  })
})
