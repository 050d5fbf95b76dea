import { InvalidOptionError } from '@mdwx/errors'
import { createWeixinProcessor, remarkWeixinGfm, renderMarkdown } from '@mdwx/render'
import type { Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const everything = 'a | b\n--|--\n1 | 2\n\n~~gone~~ https://x.org [^1]\n\n- [x] done\n\n[^1]: note\n'

function nodeTypes(markdown: string, options?: Parameters<typeof remarkWeixinGfm>[0]): string[] {
  const tree = unified().use(remarkParse).use(remarkWeixinGfm, options).parse(markdown) as Root
  const types: string[] = []
  const visit = (node: { type: string; children?: unknown[]; checked?: unknown }): void => {
    types.push(node.type === 'listItem' && typeof node.checked === 'boolean' ? 'taskListItem' : node.type)
    for (const child of node.children ?? []) visit(child as typeof node)
  }
  visit(tree)
  return types
}

describe('remark-weixin-gfm', () => {
  it('parses tables, strikethrough, bare URLs, footnotes and task lists by default', () => {
    expect(nodeTypes(everything)).toEqual(expect.arrayContaining(['table', 'delete', 'link', 'footnoteReference', 'footnoteDefinition', 'taskListItem']))
  })

  it('leaves bare URLs as text with autolinkLiterals: false', () => {
    const types = nodeTypes(everything, { autolinkLiterals: false })
    expect(types).not.toContain('link')
    expect(types).toEqual(expect.arrayContaining(['table', 'delete', 'footnoteReference', 'taskListItem']))
  })

  it('leaves pipe tables as paragraphs with tables: false', () => {
    const types = nodeTypes(everything, { tables: false })
    expect(types).not.toContain('table')
    expect(types).toEqual(expect.arrayContaining(['delete', 'link', 'footnoteReference', 'taskListItem']))
  })

  it('leaves tildes as text with strikethrough: false', () => {
    const types = nodeTypes(everything, { strikethrough: false })
    expect(types).not.toContain('delete')
    expect(types).toEqual(expect.arrayContaining(['table', 'link', 'footnoteReference', 'taskListItem']))
  })

  it('refuses options that are not booleans', () => {
    for (const name of ['autolinkLiterals', 'tables', 'strikethrough']) {
      expect(() => unified().use(remarkParse).use(remarkWeixinGfm, { [name]: 'no' }).freeze(), name).toThrow(InvalidOptionError)
    }
  })
})

describe('renderMarkdown with only the syntax a document uses', () => {
  // renderMarkdown leaves out the extensions a document cannot use; the full pipeline has them all.
  const documents = {
    'no table, no tilde, no URL': '# Title\n\nplain *text* and `code`\n\n- a\n- b\n',
    'a table whose delimiter row has no pipe': 'a\n:-\nb\n',
    'a table in a quote in a list': '- > a | b\n  > --|--\n  > 1 | 2\n',
    'tables with CRLF line endings': 'a|b\r\n-|-\r\n1|2\r\n',
    'a thematic break, not a table': 'a\n\n---\n\nb | c\n',
    strikethrough: '~one~ and ~~two~~',
    'a bare URL holding emphasis marks': 'see https://example.com/_foo_bar_ and www.x.org/~a~ now',
    'a bare URL holding a character reference': 'go to https://a.com/x&#42;y or https://a.com/&amp;b',
    'a bare URL in code or a destination': '`https://a.com/_x_` [a](https://b.com/_y_) ![i](https://c.com/_z_.png)\n\n    https://d.com/_w_\n',
    'an e-mail address with underscores': 'write to _a_b@c.org_ today',
    'a Weixin article as a bare URL': 'read https://mp.weixin.qq.com/s/abc and MP.WEIXIN.QQ.COM/s/def',
    'a bare URL with non-ASCII characters': 'see https://例子.com/路径 ok',
    'front matter': '---\ntitle: T\n---\n\nbody',
    'front matter after a byte-order mark': '\uFEFF---\ntitle: T\n---\n\nbody',
    'no front matter': ' ---\ntitle: T\n---\n\nbody',
  }
  for (const [name, markdown] of Object.entries(documents)) {
    it(`renders ${name} as the full syntax does`, async () => {
      const file = new VFile({ value: markdown })
      const full = String(await createWeixinProcessor().process(file))
      const result = await renderMarkdown(markdown)
      expect(result.html).toBe(full)
      expect(result.messages.map(String)).toEqual(file.messages.map(String))
    })
  }

  it('keeps the characters of a bare URL that look like Markdown', async () => {
    const { html } = await renderMarkdown('see https://example.com/_foo_bar_ now')
    expect(html).toContain('https://example.com/_foo_bar_ now')
  })
})
