import { InvalidOptionError } from '@mdwx/errors'
import { rehypeWeixinLists } from '@mdwx/render'
import type { PluggableList } from 'unified'
import { describe, expect, it } from 'vitest'
import { elements, inner, present } from './presentation.js'

const marker = (indent: string, text: string, style = ''): string =>
  `<span style="float:left;margin-left:-${indent}${style ? ';' + style : ''}">${text}</span>`

async function list(markdown: string, theme?: string): Promise<string> {
  return inner(await present(markdown, theme === undefined ? {} : { theme }))
}

describe('rehype-weixin-lists', () => {
  it('turns an unordered list into sections with a text bullet beside each item', async () => {
    expect(await list('- a\n- b')).toBe(
      `<section style="padding-left:1.2em"><section>${marker('1.2em', '•')}a</section><section>${marker('1.2em', '•')}b</section></section>`,
    )
  })

  it('changes the bullet with the depth, and repeats the last one deeper down', async () => {
    const html = await list('- 1\n  - 2\n    - 3\n      - 4')
    const bullets = elements(html, 'span').map((span) => (span.children[0]?.type === 'text' ? span.children[0].value : ''))
    expect(bullets).toEqual(['•', '◦', '▪', '▪'])
    expect(html).not.toMatch(/<(?:ul|ol|li)\b/)
  })

  it('numbers ordered items from their start, and widens the indent for longer numbers', async () => {
    expect(await list('3. a\n4. b')).toBe(
      `<section style="padding-left:1.5em"><section>${marker('1.5em', '3.')}a</section><section>${marker('1.5em', '4.')}b</section></section>`,
    )
    const html = await list('9. a\n10. b')
    expect(html).toContain(marker('2em', '10.'))
    expect(html).toContain('<section style="padding-left:2em">')
  })

  it('draws task items with ☐ and ☑, never a checkbox', async () => {
    expect(await list('- [ ] open\n- [x] done')).toBe(
      `<section style="padding-left:1.6em"><section>${marker('1.6em', '☐')}open</section><section>${marker('1.6em', '☑')}done</section></section>`,
    )
  })

  it('keeps the number of an ordered task and puts the box after it', async () => {
    expect(await list('1. [x] done')).toBe(`<section style="padding-left:1.5em"><section>${marker('1.5em', '1.')}☑ done</section></section>`)
  })

  it('puts the marker inside the first paragraph of a loose item, beside its first line', async () => {
    expect(await list('- a\n\n  second\n\n- b')).toBe(
      `<section style="padding-left:1.2em"><section><p>${marker('1.2em', '•')}a</p><p>second</p></section><section><p>${marker('1.2em', '•')}b</p></section></section>`,
    )
  })

  it('floats the marker beside a block that starts an item', async () => {
    const html = await list('- ```\n  code\n  ```')
    expect(html).toBe(`<section style="padding-left:1.2em"><section>${marker('1.2em', '•')}<pre style="white-space:nowrap;overflow-x:auto">code</pre></section></section>`)
  })

  it('gives an empty item a marker that takes up its line', async () => {
    expect(await list('-\n- b')).toContain('<section><span style="display:inline-block;width:1.2em;margin-left:-1.2em">•</span></section>')
  })

  it('keeps the theme’s list, item and marker styles, and its indent', async () => {
    const css = 'ul { margin: 1em 0; padding-left: 2em } li { margin-bottom: .5em } li::marker { color: #c00 }'
    expect(await list('- a', css)).toBe(
      `<section style="margin:1em 0;padding-left:2em"><section style="margin-bottom:.5em">${marker('2em', '•', 'color:#c00')}a</section></section>`,
    )
  })

  it('uses the content of a ::marker rule as the bullet', async () => {
    expect(await list('- a', 'ul > li::marker { content: "–" }')).toContain(marker('1.2em', '–'))
  })

  it('takes bullets and task markers from its options', async () => {
    const after: PluggableList = [[rehypeWeixinLists, { bullets: ['▸', '▹'], checked: '✔', unchecked: '✗' }]]
    const html = inner(await present('- a\n  - b\n    - c\n- [x] d\n- [ ] e', { after }))
    const texts = elements(html, 'span').map((span) => (span.children[0]?.type === 'text' ? span.children[0].value : ''))
    expect(texts).toEqual(['▸', '▹', '▹', '✔', '✗'])
  })

  it('refuses options of the wrong kind', () => {
    expect(() => rehypeWeixinLists({ bullets: [] })).toThrow(InvalidOptionError)
    expect(() => rehypeWeixinLists({ bullets: ['•', ''] })).toThrow(/Expected a non-empty array of non-empty strings for bullets/)
    expect(() => rehypeWeixinLists({ checked: '' })).toThrow(/for checked/)
    expect(() => rehypeWeixinLists({ unchecked: 1 as unknown as string })).toThrow(/for unchecked/)
  })
})
