import { InvalidOptionError } from '@mdwx/errors'
import {
  compileTheme,
  createWeixinProcessor,
  rehypeWeixinHighlight,
  rehypeWeixinLimits,
  type RehypeWeixinHighlightOptions,
  type Theme,
} from '@mdwx/render'
import hljs from 'highlight.js/lib/common'
import arduino from 'highlight.js/lib/languages/arduino'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { present } from './presentation.js'

const classesOnly = { after: [] }

describe('rehype-weixin-highlight', () => {
  it('splits code with a known language into hljs token spans', async () => {
    const html = await present('```js\nconst a = "x" // note\n```', classesOnly)
    expect(html).toContain('<span class="hljs-keyword">const</span>')
    expect(html).toContain('<span class="hljs-string">"x"</span>')
    expect(html).toContain('<span class="hljs-comment">// note</span>')
  })

  it('knows languages by their aliases, in any case', async () => {
    for (const fence of ['javascript', 'js', 'JS', 'ts', 'sh', 'py']) {
      expect(await present(`\`\`\`${fence}\nreturn\n\`\`\``, classesOnly), fence).toContain('hljs-')
    }
  })

  it('leaves code without a language as plain text: it never guesses', async () => {
    const html = await present('```\nconst a = "x" // note\n```', classesOnly)
    expect(html).toBe('<section style="color:#333"><pre><code>const a = "x" // note\n</code></pre></section>')
  })

  it('leaves code in a language it does not know as plain text, without a message', async () => {
    const html = await present('```klingon\nconst a = 1\n```', classesOnly)
    expect(html).not.toContain('hljs')
    expect(html).toContain('const a = 1')
  })

  it('does not touch inline code', async () => {
    const html = await present('`const a = 1`', classesOnly)
    expect(html).not.toContain('hljs')
  })

  it('highlights code written as raw HTML with a language class', async () => {
    const html = await present('<pre><code class="language-js">let <b>x</b> = 1</code></pre>', classesOnly)
    expect(html).toContain('<span class="hljs-keyword">let</span> x = <span class="hljs-number">1</span>')
  })

  it('highlights the same code the same way whatever was highlighted before', async () => {
    const probe = '```js\np.catch(f)\n```'
    const before = await present(probe, classesOnly)
    expect(before).toContain('.<span class="hljs-title function_">catch</span>(f)')
    // highlight.js ignores a `#!` line that is not the first and a `catch` after a dot, and each
    // ignore used to renumber the rules its scanners share: after nine, `.catch(` came out as the
    // keyword `catch`, in this block and in every later one.
    await present(`\`\`\`js\n// x\n#!/usr/bin/env node\n${'a.catch(b)\n'.repeat(9)}\`\`\``, classesOnly)
    expect(await present(probe, classesOnly)).toBe(before)
  })

  it('highlights a construct alike wherever it occurs in a block', async () => {
    const html = await present(`\`\`\`js\n// x\n#!/usr/bin/env node\n${'a.catch(b)\n'.repeat(12)}\`\`\``, classesOnly)
    expect(html.split('<span class="hljs-title function_">catch</span>')).toHaveLength(13)
  })

  it('knows every language of the common set by its name and aliases, as highlight.js does', async () => {
    const reference = hljs.newInstance()
    for (const name of hljs.listLanguages()) reference.registerLanguage(name, hljs.getLanguage(name)!.rawDefinition!)
    reference.registerLanguage('arduino', arduino)
    const sample = 'if (x == "a") { return 1 } // b\n<p class="c">$d</p>\n'
    for (const name of reference.listLanguages()) {
      for (const fence of [name, ...(reference.getLanguage(name)!.aliases ?? [])]) {
        const expected = tokenClasses(reference.highlight(sample, { language: name, ignoreIllegals: true }).value)
        const html = await present(`\`\`\`${fence}\n${sample}\`\`\``, classesOnly)
        expect(tokenClasses(html), fence).toEqual(expected)
      }
    }
  })

  it('leaves the tokens a theme cannot style as text when told the theme', async () => {
    const html = await highlightOnly('```js\nconst a = f("x") // note\n```', { theme: 'default' })
    expect(html).toBe('<pre><code class="language-js"><span class="hljs-keyword">const</span> a = f(<span class="hljs-string">"x"</span>) <span class="hljs-comment">// note</span>\n</code></pre>')
  })

  it('gives every token a span when the theme could style tokens without naming their classes', async () => {
    for (const css of ['span { color: red }', 'code * { color: red }', '.hljs-string:first-child { color: red }', '.hljs-meta > .hljs-string { color: red }']) {
      expect(await highlightOnly('```js\nconst a = f("x")\n```', { theme: compileTheme(css) }), css).toContain('hljs-title')
    }
  })

  // With or without the theme told, the HTML after the theme and the code layout is the same.
  const themes = {
    default: 'default',
    tech: 'tech',
    'descendant and compound classes': compileTheme('.hljs-meta .hljs-keyword { color: red } .hljs-title.function_ { color: blue }'),
    'a structural pseudo-class': compileTheme('.hljs-keyword:first-child { color: red } .hljs-string { color: blue }'),
  }
  for (const [name, theme] of Object.entries(themes)) {
    it(`lays out the same HTML with the theme told or not: ${name}`, async () => {
      const markdown = '```js\n#!/usr/bin/env node\nconst a = f("x", 1) // note\nclass B extends C { get d() { return <p>e</p> } }\n```\n\n```html\n<p style="color:red" onclick="go()">x</p><script>let y = 2</script>\n```'
      const told = await renderWithHighlight(markdown, theme, { theme })
      expect(told).toBe(await renderWithHighlight(markdown, theme, {}))
      expect(told).not.toBe(await renderWithHighlight(markdown, theme, { enabled: false }))
    })
  }

  it('refuses a theme that is not a theme', () => {
    expect(() => rehypeWeixinHighlight({ theme: 'nope' })).toThrow(InvalidOptionError)
  })

  it('does nothing when disabled', async () => {
    const html = await present('```js\nconst a = 1\n```', { ...classesOnly, highlight: false })
    expect(html).not.toContain('hljs')
  })

  it('refuses an option that is not a boolean', () => {
    expect(() => rehypeWeixinHighlight({ enabled: 'yes' as unknown as boolean })).toThrow('Expected a boolean for enabled, got "yes"')
  })
})

/** Markdown through rehype-weixin-highlight alone: the spans it makes, with their classes. */
async function highlightOnly(markdown: string, options: RehypeWeixinHighlightOptions): Promise<string> {
  const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeWeixinHighlight, options).use(rehypeStringify)
  return String(await processor.process(markdown))
}

/** The full pipeline with the theme, and the highlighter given `options`, before clean-up (classes kept). */
async function renderWithHighlight(markdown: string, theme: Theme | string, options: RehypeWeixinHighlightOptions): Promise<string> {
  const processor = unified()
  for (const [plugin, ...parameters] of createWeixinProcessor({ theme }).attachers) {
    if ((plugin as unknown) === rehypeWeixinHighlight) processor.use(rehypeWeixinHighlight, options)
    else if ((plugin as unknown) !== rehypeWeixinLimits) processor.use(plugin, ...parameters)
  }
  return String(await processor.process(markdown))
}

/** The `hljs-*` classes of the spans in HTML, in order. */
function tokenClasses(html: string): string[] {
  return [...html.matchAll(/class="(hljs-[^"]*)"/g)].map((match) => match[1]!)
}
