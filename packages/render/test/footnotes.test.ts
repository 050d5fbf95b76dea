import { rehypeWeixinFootnotes } from '@mdwx/render'
import { describe, expect, it } from 'vitest'
import { renderSafe } from './helpers.js'

describe('rehype-weixin-footnotes', () => {
  it('turns calls into [n] marks and notes into a section without anchors', async () => {
    const { html } = await renderSafe('One[^a], two[^b], one again[^a].\n\n[^a]: First **note**.\n[^b]: Second.')
    expect(html).toBe(
      '<p>One<sup class="mdwx-fnref">[1]</sup>, two<sup class="mdwx-fnref">[2]</sup>, one again<sup class="mdwx-fnref">[1]</sup>.</p>' +
        '<section class="mdwx-footnotes"><p class="mdwx-footnotes-title">注释</p>' +
        '<section class="mdwx-footnote"><p><span class="mdwx-footnote-label">[1] </span>First <strong>note</strong>.</p></section>' +
        '<section class="mdwx-footnote"><p><span class="mdwx-footnote-label">[2] </span>Second.</p></section>' +
        '</section>',
    )
  })

  it('keeps notes of several blocks and drops the back links added after a code block', async () => {
    const { html } = await renderSafe('x[^n]\n\n[^n]: Para one.\n\n    Para two.\n\n    ```\n    code\n    ```')
    expect(html).toContain(
      '<section class="mdwx-footnote"><p><span class="mdwx-footnote-label">[1] </span>Para one.</p><p>Para two.</p><pre><code>code\n</code></pre></section>',
    )
    expect(html).not.toMatch(/↩|href|id=|Footnotes|data-footnote/)
  })

  it('gives a note that starts with another block a paragraph for its label', async () => {
    const { html } = await renderSafe('x[^n]\n\n[^n]:\n    > quoted')
    expect(html).toContain('<section class="mdwx-footnote"><p><span class="mdwx-footnote-label">[1] </span></p><blockquote>')
  })

  it('takes its title from the title option', async () => {
    const { html } = await renderSafe('x[^n]\n\n[^n]: n', { notesTitle: 'Notes' })
    expect(html).toContain('<p class="mdwx-footnotes-title">Notes</p>')
  })

  it('leaves articles without footnotes alone', async () => {
    const { html } = await renderSafe('plain <sup>2</sup>')
    expect(html).toBe('<p>plain <sup>2</sup></p>')
  })

  it('takes only the notes section GFM made for footnotes, not one the author wrote in HTML', async () => {
    const written = '<section data-footnotes><ol><li>mine</li></ol></section>'
    const { html } = await renderSafe(`a\n\n${written}\n\nb[^1]\n\n[^1]: note`)
    expect(html).toBe(
      '<p>a</p><section data-footnotes=""><ol><li>mine</li></ol></section><p>b<sup class="mdwx-fnref">[1]</sup></p>' +
        '<section class="mdwx-footnotes"><p class="mdwx-footnotes-title">注释</p>' +
        '<section class="mdwx-footnote"><p><span class="mdwx-footnote-label">[1] </span>note</p></section></section>',
    )
    expect((await renderSafe(`a\n\n${written}`)).html).toBe('<p>a</p><section data-footnotes=""><ol><li>mine</li></ol></section>')
  })

  it('finds the notes also inside an element the author left open', async () => {
    const { html } = await renderSafe('<div>\n\nb[^1]\n\n[^1]: note')
    expect(html).toBe(
      '<section><p>b<sup class="mdwx-fnref">[1]</sup></p>' +
        '<section class="mdwx-footnotes"><p class="mdwx-footnotes-title">注释</p>' +
        '<section class="mdwx-footnote"><p><span class="mdwx-footnote-label">[1] </span>note</p></section></section></section>',
    )
  })

  it('validates its options', () => {
    expect(() => rehypeWeixinFootnotes({ title: ['x'] as unknown as string })).toThrow('Expected a string for title, got an array of 1')
  })
})
