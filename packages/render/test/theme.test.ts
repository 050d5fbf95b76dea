import { InvalidOptionError } from '@mdwx/errors'
import { compileTheme, rehypeWeixinTheme, renderMarkdown, resolveTheme, themes, type Theme } from '@mdwx/render'
import { describe, expect, it } from 'vitest'
import { elements, inner, present, styleMap } from './presentation.js'

const noPlugins = { after: [] }

async function styled(css: string, markdown: string): Promise<string> {
  return inner(await present(markdown, { theme: css, ...noPlugins }))
}

describe('built-in themes', () => {
  it('are default, literary and tech, and compile without warnings', () => {
    expect(Object.keys(themes)).toEqual(['default', 'literary', 'tech'])
    for (const theme of Object.values(themes)) {
      expect(theme.warnings, theme.name).toEqual([])
      expect(theme.name).toBeTypeOf('string')
    }
  })

  it('style every kind of block of a real article', async () => {
    for (const name of Object.keys(themes)) {
      const { html } = await renderMarkdown('## H\n\ntext `code`\n\n```js\nconst a = 1 // one\n```\n\n> quote\n\n| a |\n| - |\n| 1 |\n', { theme: name })
      for (const tag of ['h2', 'p', 'pre', 'blockquote', 'table', 'th', 'td']) {
        expect(elements(html, tag)[0]?.properties['style'], `${name} ${tag}`).toBeTypeOf('string')
      }
      // The default theme leaves inline code to the monospace font of `<code>`: a style on every
      // inline code span costs more than it adds (see themes/default.ts).
      expect(elements(html, 'code')[0]?.properties['style'], `${name} code`).toBeTypeOf(name === 'default' ? 'undefined' : 'string')
      expect(html).not.toMatch(/class=|var\(|<style/)
    }
  })
})

describe('resolveTheme', () => {
  it('gives the default theme when none is named', () => {
    expect(resolveTheme(undefined)).toBe(themes['default'])
  })

  it('finds a built-in theme by name', () => {
    expect(resolveTheme('tech').name).toBe('tech')
  })

  it('returns a compiled theme as it is', () => {
    const theme = compileTheme('p { color: red }')
    expect(resolveTheme(theme)).toBe(theme)
  })

  it('refuses an unknown name, listing the names it knows', () => {
    const error = (() => {
      try {
        resolveTheme('fancy')
      } catch (caught) {
        return caught
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(InvalidOptionError)
    expect((error as InvalidOptionError).code).toBe('MDWX_INVALID_OPTION')
    expect((error as Error).message).toBe(`Expected one of 'default', 'literary', 'tech' for theme, got "fancy"`)
  })

  it('refuses something that is neither a name nor a theme', () => {
    expect(() => resolveTheme(42 as unknown as string)).toThrow(InvalidOptionError)
    expect(() => resolveTheme({ name: 'x' } as unknown as Theme)).toThrow(/a theme name or a theme from compileTheme/)
  })

  it('is used by the plugin, which accepts a name', async () => {
    const html = await present('x', { theme: 'tech', ...noPlugins })
    expect(styleMap(elements(html, 'section')[0])['color']).toBe('#1f2937')
    expect(() => rehypeWeixinTheme({ theme: 'nope' })).toThrow(InvalidOptionError)
  })
})

describe('compileTheme', () => {
  it('names the theme, custom by default', () => {
    expect(compileTheme('').name).toBe('custom')
    expect(compileTheme('', { name: 'mine' }).name).toBe('mine')
  })

  it('refuses CSS that is not text', () => {
    expect(() => compileTheme(undefined as unknown as string)).toThrow(/Expected CSS text for compileTheme\(css\)/)
    expect(() => compileTheme('', { name: '' })).toThrow(InvalidOptionError)
  })

  it('wraps the article in one section carrying the :root styles', async () => {
    const html = await present('a\n\nb', { theme: ':root { color: #222; font-size: 16px; line-height: 1.8 }', ...noPlugins })
    expect(html).toBe('<section style="color:#222;font-size:16px;line-height:1.8"><p>a</p><p>b</p></section>')
  })

  it('applies type, class, descendant, child and sibling selectors', async () => {
    const css = `
      p { margin: 0 }
      blockquote p { color: red }
      blockquote > p { font-weight: bold }
      h2 + p { margin-top: 2em }
      h2 ~ p { text-indent: 2em }
      .mdwx-ref { color: blue }`
    const html = await styled(css, 'intro\n\n## H\n\nfirst\n\nsecond\n\n> quoted')
    const [intro, first, second, quoted] = elements(html, 'p').map(styleMap)
    expect(intro).toEqual({ margin: '0' })
    expect(first).toEqual({ margin: '0', 'margin-top': '2em', 'text-indent': '2em' })
    expect(second).toEqual({ margin: '0', 'text-indent': '2em' })
    expect(quoted).toEqual({ margin: '0', color: 'red', 'font-weight': 'bold' })
  })

  it('lets the more specific rule win, and the later of two equal ones', async () => {
    const css = `
      blockquote p { color: green }
      p { color: red }
      p { color: blue }
      strong { color: red }`
    const html = await styled(css, 'a **b**\n\n> c')
    expect(elements(html, 'p').map((p) => styleMap(p)['color'])).toEqual(['blue', 'green'])
  })

  it('lets the author inline style win over the theme, and !important win over both', async () => {
    const css = 'span { color: red; margin: 0 } span { font-weight: bold !important }'
    const html = await styled(css, '<span style="color: green; font-weight: normal">x</span>')
    expect(elements(html, 'span')[0]?.properties['style']).toBe('margin:0;color:green;font-weight:bold')
  })

  it('writes a property once, in the order that keeps the winner last', async () => {
    const html = await styled('p { margin-top: 1em } .x, p { margin: 0 }', 'a')
    expect(elements(html, 'p')[0]?.properties['style']).toBe('margin-top:1em;margin:0')
  })

  it('leaves out inherited values a child already receives', async () => {
    const css = ':root { color: #333; line-height: 1.75 } p { color: #333; line-height: 1.75; margin: 0 } strong { color: #333 } blockquote { color: #666 } blockquote p { color: #666 }'
    const html = await styled(css, 'a **b**\n\n> c')
    const [p, quoted] = elements(html, 'p')
    expect(p?.properties['style']).toBe('margin:0')
    expect(elements(html, 'strong')[0]?.properties['style']).toBeUndefined()
    expect(styleMap(elements(html, 'blockquote')[0])['color']).toBe('#666')
    expect(styleMap(quoted)['color']).toBeUndefined()
  })

  it('keeps a value equal to the inherited one where the browser sets its own', async () => {
    const css = ':root { font-size: 16px; color: #333 } h2 { font-size: 16px } a { color: #333 } th { text-align: left } :root { text-align: left }'
    const html = await styled(css, '## H\n\n| a |\n| - |\n| 1 |')
    expect(styleMap(elements(html, 'h2')[0])['font-size']).toBe('16px')
    expect(styleMap(elements(html, 'th')[0])['text-align']).toBe('left')
  })

  it('keeps relative sizes, which mean something else on a child', async () => {
    const html = await styled('blockquote { font-size: .9em } p { font-size: .9em }', '> a')
    expect(styleMap(elements(html, 'p')[0])['font-size']).toBe('.9em')
  })

  it('resolves variables from :root, with fallbacks and nesting, and writes none', async () => {
    const css = `:root { --accent: #c00; --border: 1px solid var(--accent) }
      h2 { color: var(--accent); border-bottom: var(--border) }
      p { color: var(--missing, #555) }`
    const html = await present('## H\n\ntext', { theme: css, ...noPlugins })
    expect(styleMap(elements(html, 'h2')[0])).toEqual({ color: '#c00', 'border-bottom': '1px solid #c00' })
    expect(styleMap(elements(html, 'p')[0])).toEqual({ color: '#555' })
    expect(html).not.toContain('var(')
    expect(html).not.toContain('--')
  })

  it('resolves variables in the author inline style too', async () => {
    const html = await styled(':root { --accent: #c00 }', '<span style="color: var(--accent)">x</span>')
    expect(elements(html, 'span')[0]?.properties['style']).toBe('color:#c00')
  })

  it('drops a declaration whose variable is not defined, with a warning', () => {
    const theme = compileTheme('p { color: var(--nope); margin: 0 }')
    expect(theme.warnings).toEqual(['line 1: `color: var(--nope)` uses a variable that `:root` does not define; skipped'])
  })

  it('turns ::before and ::after into real text, or spans when styled', async () => {
    const css = 'h2::before { content: "§ " } h2::after { content: " ¶"; color: #999 } h3::before { content: none }'
    const html = await styled(css, '## Title\n\n### Sub')
    expect(html).toBe('<h2>§ Title<span style="color:#999"> ¶</span></h2><h3>Sub</h3>')
  })

  it('styles pseudo-elements relative to their element', async () => {
    const html = await styled('h2 { color: red } h2::before { content: "#"; color: red; font-weight: bold }', '## T')
    expect(html).toBe('<h2 style="color:red"><span style="font-weight:bold">#</span>T</h2>')
  })

  it('passes li::marker styles and content to the lists plugin', async () => {
    const css = 'li::marker { color: #c00 } ul > li::marker { content: "→" }'
    const html = await present('- a\n\n1. b', { theme: css })
    const markers = elements(html, 'span').map((span) => [styleMap(span)['color'], span.children[0]?.type === 'text' ? span.children[0].value : ''])
    expect(markers).toEqual([
      ['#c00', '→'],
      ['#c00', '1.'],
    ])
  })

  it('matches structural pseudo-classes', async () => {
    const css = 'li:first-child { color: red } li:last-child { color: blue } tr:nth-child(even) { background: #eee } td:nth-last-child(1) { color: green } p:only-child { margin: 0 }'
    const html = await styled(css, '- a\n- b\n- c\n\n| x | y |\n| - | - |\n| 1 | 2 |\n| 3 | 4 |\n\n> only')
    expect(elements(html, 'li').map((li) => styleMap(li)['color'])).toEqual(['red', undefined, 'blue'])
    expect(elements(html, 'tr').map((tr) => styleMap(tr)['background'])).toEqual([undefined, undefined, '#eee'])
    expect(elements(html, 'td').map((td) => styleMap(td)['color'])).toEqual([undefined, 'green', undefined, 'green'])
    expect(styleMap(elements(html, 'p')[0])).toEqual({ margin: '0' })
  })

  it('matches first-of-type, last-of-type and nth-of-type', async () => {
    const css = 'p:first-of-type { color: red } p:last-of-type { color: blue } p:nth-of-type(2) { margin: 0 }'
    const html = await styled(css, '## h\n\na\n\nb\n\nc')
    expect(elements(html, 'p').map((p) => p.properties['style'])).toEqual(['color:red', 'margin:0', 'color:blue'])
  })

  it('refuses what cannot apply to a published article, with a warning each', () => {
    const theme = compileTheme(
      [
        'a:hover { color: red }',
        'p::first-line { color: red }',
        '@media (max-width: 600px) { p { color: red } }',
        '#main { color: red }',
        'a[href] { color: red }',
        'p { position: absolute; color: blue }',
        'p { background: url(x.png) }',
        'p { --local: 1px }',
        'p { content: "x" }',
        'img::before { content: "x" }',
        'p::marker { color: red }',
        'h2::before { content: counter(section) }',
      ].join('\n'),
    )
    expect(theme.warnings).toEqual([
      'line 1: `a:hover`: `:hover` cannot apply to a published article; selector skipped',
      'line 2: `p::first-line`: `::first-line` cannot be turned into inline styles; selector skipped',
      'line 3: `@media` cannot apply to inline styles; skipped',
      'line 4: `#main`: Weixin removes `id`, so id selectors never match; selector skipped',
      'line 5: `a[href]`: attribute selectors are not supported; selector skipped',
      'line 6: `position` is not applied: Weixin removes `position` from articles; skipped',
      'line 7: `background` is not applied: it can load or run something; skipped',
      'line 8: `--local`: custom properties are read from `:root` only; skipped',
      'line 9: `content` applies only to `::before`, `::after` and `::marker`; skipped',
      'line 10: `img::before`: `<img>` has no content to put `::before` in; selector skipped',
      'line 11: `p::marker`: only list items (`li`) have markers; selector skipped',
      'line 12: `content` can only be quoted text or `none` in an article; skipped',
    ])
  })

  it('refuses every declaration the author style guard removes as loading or running something, escapes decoded', async () => {
    const css = [
      'p { background: image("x.png") }',
      'p { list-style-image: u\\72l(x.png) }',
      'p { background-image: element(#x) }',
      'p { border-image: cross-fade(url(a.png), url(b.png)) }',
      'p { background: SRC("x.png") }',
      'p { -moz-bindin\\67: none }',
      'p { behavior: none }',
      'p { color: red }',
    ].join('\n')
    const theme = compileTheme(css)
    expect(theme.warnings.filter((warning) => warning.includes('is not applied'))).toEqual([
      'line 1: `background` is not applied: it can load or run something; skipped',
      'line 2: `list-style-image` is not applied: it can load or run something; skipped',
      'line 3: `background-image` is not applied: it can load or run something; skipped',
      'line 4: `border-image` is not applied: it can load or run something; skipped',
      'line 5: `background` is not applied: it can load or run something; skipped',
      'line 6: `-moz-bindin\\67` is not applied: it can load or run something; skipped',
      'line 7: `behavior` is not applied: it can load or run something; skipped',
    ])
    expect(elements(await styled(css, 'x'), 'p')[0]?.properties['style']).toBe('color:red')
  })

  it('keeps the selectors of a list it can apply when it refuses others', async () => {
    const theme = compileTheme('a:hover, p { color: red }')
    expect(theme.warnings).toHaveLength(1)
    const html = await styled('a:hover, p { color: red }', 'x')
    expect(styleMap(elements(html, 'p')[0])).toEqual({ color: 'red' })
  })

  it('reports CSS it cannot parse, and keeps the rest', () => {
    const theme = compileTheme('p { color: red; }\n}}} h2 { color: blue }')
    expect(theme.warnings.length).toBeGreaterThan(0)
    expect(theme.warnings[0]).toMatch(/^line 2: /)
  })

  it('writes the shortest equivalent values', async () => {
    const css = `:root { font-family: "PingFang SC", 'Helvetica Neue', "sans-serif", Arial; color: #FFFFFF; background: #AABBCCDD }`
    const html = await present('x', { theme: css, ...noPlugins })
    expect(elements(html, 'section')[0]?.properties['style']).toBe(`font-family:PingFang SC,Helvetica Neue,"sans-serif",Arial;color:#fff;background:#aabbccdd`)
  })

  it('drops author styles that load or run something, even through the theme', async () => {
    const html = await styled(':root {}', '<span style="color: red; background: url(x)">x</span>')
    expect(elements(html, 'span')[0]?.properties['style']).toBe('color:red')
  })
})
