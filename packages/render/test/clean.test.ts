import { rehypeWeixinClean } from '@mdwx/render'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { renderSafe } from './helpers.js'

function clean(tree: Root): Root {
  rehypeWeixinClean()(tree, new VFile())
  return tree
}

describe('rehype-weixin-clean', () => {
  it('removes class, id, data-*, aria-* and unknown attributes, keeping the ones Weixin uses', () => {
    const tree = clean(
      h(null, [
        h('p', { className: ['mdwx-ref'], id: 'x', dataFoo: 'y', ariaLabel: 'z', dir: 'rtl', title: 't', align: 'center', style: 'color:red' }, 'a'),
        h('a', { href: 'https://mp.weixin.qq.com/s/x', target: '_blank' }, 'b'),
        h('img', { src: 'a.png', alt: 'A', width: 3, loading: 'lazy' }),
        h('ol', { start: 3 }, [h('li', 'c')]),
        h('table', [h('tbody', [h('tr', [h('td', { colSpan: 2, rowSpan: 1, align: 'right' }, 'd')])])]),
      ]),
    )
    expect(tree).toEqual(
      h(null, [
        h('p', { align: 'center', style: 'color:red' }, 'a'),
        h('a', { href: 'https://mp.weixin.qq.com/s/x' }, 'b'),
        h('img', { src: 'a.png', alt: 'A' }),
        h('ol', { start: 3 }, [h('li', 'c')]),
        h('table', [h('tbody', [h('tr', [h('td', { colSpan: 2, rowSpan: 1, align: 'right' }, 'd')])])]),
      ]),
    )
  })

  it('turns a paragraph holding blocks into a section', () => {
    const tree = clean(h(null, [h('p', [h('p', 'a'), h('table', [])]), h('p', [h('strong', 'b')])]))
    expect(tree).toEqual(h(null, [h('section', [h('p', 'a'), h('table', [])]), h('p', [h('strong', 'b')])]))
  })

  it('removes empty style attributes and every input left', () => {
    const tree = clean(h(null, [h('li', { style: '' }, [h('input', { type: 'checkbox', checked: true }), ' done'])]))
    expect(tree).toEqual(h(null, [h('li', ' done')]))
  })

  it('leaves no class or id of the structure plugins in the pipeline output', async () => {
    const { html } = await renderSafe('- [ ] a[^1] [l](https://l.org)\n\n[^1]: n', { clean: true })
    expect(html).not.toMatch(/\sclass=|\sid=|data-|aria-|<input/)
    expect(html).toContain('<sup>[1]</sup>')
  })
})
