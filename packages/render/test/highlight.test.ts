import { InvalidOptionError } from '@mdwx/errors'
import { rehypeWeixinHighlight } from '@mdwx/render'
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

  it('does nothing when disabled', async () => {
    const html = await present('```js\nconst a = 1\n```', { ...classesOnly, highlight: false })
    expect(html).not.toContain('hljs')
  })

  it('refuses an option that is not a boolean', () => {
    expect(() => rehypeWeixinHighlight({ enabled: 'yes' as unknown as boolean })).toThrow(InvalidOptionError)
  })
})
