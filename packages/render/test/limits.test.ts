import { rehypeWeixinLimits, type RehypeWeixinLimitsOptions } from '@mdwx/render'
import type { Root } from 'hast'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { ruleIds, safetyPipeline } from './helpers.js'

async function limited(markdown: string, options: RehypeWeixinLimitsOptions = {}, wrap = false) {
  const processor = safetyPipeline({ clean: true })
  // Stands in for the theme, which wraps the body in one root <section>.
  if (wrap) processor.use(() => (tree: Root) => ({ type: 'root', children: [{ type: 'element', tagName: 'section', properties: {}, children: tree.children }] }) as Root)
  processor.use(rehypeStringify).use(rehypeWeixinLimits, options)
  const file = new VFile({ value: markdown, path: 'posts/long.md' })
  const html = String(await processor.process(file))
  return { html, file }
}

const article = [
  'Opening words. '.repeat(4).trim(),
  '## 块级作用域',
  'x'.repeat(300),
  '### A subsection belongs to its section',
  'y'.repeat(300),
  '## let 命令',
  'z'.repeat(100),
  '## 小节',
  'w'.repeat(10),
].join('\n\n')

describe('rehype-weixin-limits', () => {
  it('passes an article under the limits without a message', async () => {
    const { file } = await limited('Short *article*.')
    expect(file.messages).toEqual([])
  })

  it('fails at the character limit, counting code points of the exact HTML (content-too-long)', async () => {
    const { html } = await limited('😀 emoji')
    const characters = [...html].length
    expect(characters).toBeLessThan(html.length)
    expect(ruleIds((await limited('😀 emoji', { maxCharacters: characters + 1 })).file)).toEqual([])
    const { file } = await limited('😀 emoji', { maxCharacters: characters })
    expect(ruleIds(file)).toEqual(['content-too-long'])
    expect(file.messages[0]?.fatal).toBe(true)
    expect(file.messages[0]?.reason).toContain(`The article's HTML is ${characters} characters; Weixin accepts under ${characters}.`)
  })

  it('names the three heaviest parts by their heading and line', async () => {
    for (const wrap of [false, true]) {
      const { file } = await limited(article, { maxCharacters: 500 }, wrap)
      const reason = file.messages[0]?.reason ?? ''
      expect(reason).toMatch(/^The article's HTML is \d+ characters; Weixin accepts under 500\. Heaviest parts: /)
      expect(reason).toMatch(
        /Heaviest parts: `## 块级作用域` \(line 3\) 6\d\d, `## let 命令` \(line 11\) 1\d\d, the opening before the first heading \d\d\. Shorten them or split the article$/,
      )
    }
  })

  it('counts generated sections as parts of their own', async () => {
    const { file } = await limited('## Only\n\ntext[^1]\n\n[^1]: ' + 'n'.repeat(400), { maxCharacters: 300 })
    expect(file.messages[0]?.reason).toMatch(/Heaviest parts: the “注释” section 4\d\d, `## Only` \(line 1\) \d+\./)
  })

  it('fails at the byte limit, counting UTF-8 (content-too-large)', async () => {
    const { html } = await limited('中文 😀')
    const bytes = Buffer.byteLength(html)
    expect(ruleIds((await limited('中文 😀', { maxBytes: bytes + 1 })).file)).toEqual([])
    const { file } = await limited('中文 😀', { maxBytes: bytes })
    expect(ruleIds(file)).toEqual(['content-too-large'])
    expect(file.messages[0]?.reason).toContain(`The article's HTML is ${bytes} bytes; Weixin accepts under ${bytes}.`)
  })

  it('still returns the HTML of an article over the limit', async () => {
    const { html } = await limited(article, { maxCharacters: 10 })
    expect(html).toContain('块级作用域')
  })

  it('warns about a title over 32 characters and fails one over 64 (title-too-long)', async () => {
    const warning = await limited(`---\nauthor: a\ntitle: ${'标'.repeat(33)}\n---\n`)
    expect(ruleIds(warning.file)).toEqual(['title-too-long'])
    expect(warning.file.messages[0]?.fatal).toBe(false)
    expect(warning.file.messages[0]?.line).toBe(3)
    expect(warning.file.messages[0]?.reason).toBe(
      "Title is 33 characters; Weixin's draft API accepts at most 32 (older accounts 64): shorten it",
    )
    const failure = await limited(`# ${'t'.repeat(65)}\n\ntext`)
    expect(ruleIds(failure.file)).toEqual(['title-too-long'])
    expect(failure.file.messages[0]?.fatal).toBe(true)
    expect(failure.file.messages[0]?.line).toBe(1)
    expect((await limited(`---\ntitle: ${'😀'.repeat(32)}\n---\n`)).file.messages).toEqual([])
  })

  it('fails an author over 16 characters (author-too-long)', async () => {
    const { file } = await limited(`---\nauthor: ${'a'.repeat(17)}\n---\n`)
    expect(ruleIds(file)).toEqual(['author-too-long'])
    expect(file.messages[0]?.reason).toBe('Author is 17 characters; Weixin accepts at most 16: shorten it')
    expect(file.messages[0]?.fatal).toBe(true)
  })

  it('fails a digest over 128 characters (digest-too-long)', async () => {
    const { file } = await limited(`---\nsummary: ${'d'.repeat(129)}\n---\n`)
    expect(ruleIds(file)).toEqual(['digest-too-long'])
    expect(file.messages[0]?.line).toBe(2)
  })

  it('validates its options', () => {
    const processor = unified().use(rehypeStringify)
    expect(() => processor().use(rehypeWeixinLimits, { maxCharacters: 0 }).freeze()).toThrow(
      'Expected a positive integer for maxCharacters, got 0',
    )
    expect(() => processor().use(rehypeWeixinLimits, { maxBytes: 1.5 }).freeze()).toThrow(
      'Expected a positive integer for maxBytes, got 1.5',
    )
  })

  it('must come after rehype-stringify, whose output it measures', () => {
    expect(() => unified().use(rehypeWeixinLimits).use(rehypeStringify).freeze()).toThrow(
      expect.objectContaining({ code: 'MDWX_PLUGIN_ORDER' }),
    )
  })
})

describe('formulas and the character limit', () => {
  const formulas = Array.from({ length: 40 }, (_, i) => `第 ${i} 个：$\\sum_{k=1}^{${i + 2}} \\frac{k^2}{k+1}$。`).join('\n\n')

  it('names the heaviest formulas by their TeX and line, and offers them as pictures when that fits', async () => {
    const { renderMarkdown } = await import('@mdwx/render')
    const { html, messages } = await renderMarkdown(new VFile({ path: 'posts/f.md', value: `# 公式\n\n${formulas}` }))
    expect([...html].length).toBeGreaterThan(20_000)
    const message = messages.find((m) => m.ruleId === 'content-too-long')!
    expect(message.reason).toMatch(/heaviest formulas and diagrams: formula `\\sum_\{k=1\}\^\{\d+\} \\frac\{k\^2\}\{k\+1\}` \(line \d+\) [\d,]+/)
    const estimate = Number(/render the 40 formulas as pictures \(mdwx --math=image, render option math: 'image'\): about ([\d,]+) characters/.exec(message.reason)![1]!.replace(/,/g, ''))
    // The estimate holds: rendered as pictures with URLs as long as @mdwx/publish measures them
    // with (195 characters), it fits, at about the count given.
    const url = (index: number) => `https://mmbiz.qpic.cn/mmbiz_png/${String(index).padStart(3, '0')}`.padEnd(195, 'x')
    const pictures = await renderMarkdown(`# 公式\n\n${formulas}`, { math: 'image', resolveImage: (ref) => url(ref.index) })
    expect(pictures.messages).toEqual([])
    expect(Math.abs([...pictures.html].length - estimate)).toBeLessThan(estimate * 0.05)
  })

  it('does not offer pictures when the formulas are not what makes the article too long', async () => {
    const { renderMarkdown } = await import('@mdwx/render')
    const { messages } = await renderMarkdown(`$x$\n\n${'长'.repeat(21_000)}`)
    const message = messages.find((m) => m.ruleId === 'content-too-long')!
    expect(message.reason).toContain('formula `x`')
    expect(message.reason).not.toContain('--math=image')
  })
})
