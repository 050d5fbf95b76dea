import { rehypeWeixinUrlGuard } from '@mdwx/render'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { ruleIds } from './helpers.js'

function guard(tree: Root) {
  const file = new VFile()
  rehypeWeixinUrlGuard()(tree, file)
  return { tree, file }
}

describe('rehype-weixin-url-guard', () => {
  it('turns a link whose URL can run code into its text (link-unsafe)', () => {
    const { tree, file } = guard(h(null, [h('p', ['a ', h('a', { href: ' JaVa\tScript:alert(1)' }, [h('em', 'x')]), ' b'])]))
    expect(tree).toEqual(h(null, [h('p', ['a ', h('em', 'x'), ' b'])]))
    expect(ruleIds(file)).toEqual(['link-unsafe'])
    expect(file.messages[0]?.reason).toBe('The link "x" points to " JaVa\\tScript:alert(1)", which can run code: it is shown as plain text')
  })

  it('removes an autolink whose text is the unsafe URL', () => {
    const { tree, file } = guard(h(null, [h('p', ['a ', h('a', { href: 'vbscript:x' }, 'vbscript:x')])]))
    expect(tree).toEqual(h(null, [h('p', ['a '])]))
    expect(file.messages[0]?.reason).toMatch(/^Removed the link "vbscript:x"/)
  })

  it('removes an image whose source can run code (image-unsafe)', () => {
    const { tree, file } = guard(h(null, [h('p', [h('img', { src: 'data:text/html,x' }), 'b'])]))
    expect(tree).toEqual(h(null, [h('p', ['b'])]))
    expect(ruleIds(file)).toEqual(['image-unsafe'])
  })

  it('leaves safe links and images alone, whatever they point to', () => {
    const safe = h(null, [h('a', { href: './a.md' }, 'a'), h('a', { href: '#x' }, 'b'), h('img', { src: 'data:image/png;base64,AA' })])
    const { tree, file } = guard(structuredClone(safe))
    expect(tree).toEqual(safe)
    expect(file.messages).toEqual([])
  })

  it('writes every URL it keeps as a browser reads it (scheme in lower case, no spaces at the ends), which the sanitizer matches case-sensitively', () => {
    const { tree, file } = guard(
      h(null, [
        h('a', { href: 'HTTPS://x.org/A' }, 'a'),
        h('a', { href: ' Mailto:a@b.org ' }, 'b'),
        h('a', { href: ' ./Docs/A.md' }, 'c'),
        h('img', { src: ' https://x.org/a.png' }),
        h('img', { src: 'DATA:image/svg+xml;base64,AA' }),
      ]),
    )
    expect(tree).toEqual(
      h(null, [
        h('a', { href: 'https://x.org/A' }, 'a'),
        h('a', { href: 'mailto:a@b.org' }, 'b'),
        h('a', { href: './Docs/A.md' }, 'c'),
        h('img', { src: 'https://x.org/a.png' }),
        h('img', { src: 'data:image/svg+xml;base64,AA' }),
      ]),
    )
    expect(file.messages).toEqual([])
  })
})
