import { describe, expect, it } from 'vitest'
import { inner, present } from './presentation.js'

describe('rehype-weixin-tables', () => {
  it('puts each table in a section that scrolls sideways', async () => {
    expect(inner(await present('| a |\n| - |\n| 1 |'))).toBe(
      '<section style="overflow-x:auto"><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></section>',
    )
  })

  it('keeps GFM column alignment as inline text-align', async () => {
    const html = inner(await present('| l | c | r | n |\n| :- | :-: | -: | - |\n| 1 | 2 | 3 | 4 |'))
    expect(html).toBe(
      '<section style="overflow-x:auto"><table><thead><tr>' +
        '<th style="text-align:left">l</th><th style="text-align:center">c</th><th style="text-align:right">r</th><th>n</th>' +
        '</tr></thead><tbody><tr>' +
        '<td style="text-align:left">1</td><td style="text-align:center">2</td><td style="text-align:right">3</td><td>4</td>' +
        '</tr></tbody></table></section>',
    )
    expect(html).not.toContain('align=')
  })

  it('lets the column alignment win over the theme’s, and keeps the theme’s borders and padding', async () => {
    const html = inner(await present('| a |\n| -: |\n| 1 |', { theme: 'th, td { text-align: left; padding: 4px; border: 1px solid #ddd }' }))
    expect(html).toContain('<th style="padding:4px;border:1px solid #ddd;text-align:right">a</th>')
    expect(html).toContain('<td style="padding:4px;border:1px solid #ddd;text-align:right">1</td>')
  })

  it('moves the table’s outer margins onto the scrolling section', async () => {
    const html = inner(await present('| a |\n| - |\n| 1 |', { theme: 'table { margin: 1em 0; border-collapse: collapse }' }))
    expect(html).toMatch(/^<section style="overflow-x:auto;margin:1em 0"><table style="border-collapse:collapse">/)
  })

  it('wraps tables wherever they are, and ignores an align it does not know', async () => {
    const html = inner(await present('> <table><tr><td align="middle">x</td></tr></table>'))
    expect(html).toBe('<blockquote><section style="overflow-x:auto"><table><tbody><tr><td>x</td></tr></tbody></table></section></blockquote>')
  })
})
