import * as render from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

describe('@mdwx/render public API', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(render).sort()).toEqual(
      [
        'classifyUrl',
        'compileTheme',
        'createWeixinProcessor',
        'isSafeImageUrl',
        'isSafeLinkUrl',
        'rehypeWeixinClean',
        'rehypeWeixinComponents',
        'rehypeWeixinCode',
        'rehypeWeixinFootnotes',
        'rehypeWeixinHighlight',
        'rehypeWeixinImages',
        'rehypeWeixinLimits',
        'rehypeWeixinLinks',
        'rehypeWeixinLists',
        'rehypeWeixinMath',
        'rehypeWeixinMermaid',
        'rehypeWeixinRaw',
        'rehypeWeixinStringify',
        'rehypeWeixinStyleGuard',
        'rehypeWeixinTables',
        'rehypeWeixinTheme',
        'rehypeWeixinUrlGuard',
        'remarkWeixinAlerts',
        'remarkWeixinContainers',
        'remarkWeixinExcerpt',
        'remarkWeixinMdx',
        'remarkWeixinFrontmatter',
        'remarkWeixinGfm',
        'remarkWeixinMath',
        'remarkWeixinTitle',
        'remarkWeixinToc',
        'remarkWeixinHeadingAttributes',
        'remarkWeixinEmoji',
        'remarkWeixinMark',
        'remarkWeixinCodeMeta',
        'remarkWeixinHexoTags',
        'remarkWeixinHugoShortcodes',
        'renderMarkdown',
        'resolveTheme',
        'themes',
        'weixinSchema',
      ].sort(),
    )
  })

  it('exports every plugin as an attacher function', () => {
    const plugins = Object.entries(render).filter(([name]) => /^(?:remark|rehype)Weixin/.test(name))
    expect(plugins).toHaveLength(32)
    for (const [, plugin] of plugins) expect(typeof plugin).toBe('function')
  })

  it('renders a string into html, the article, its images and messages', async () => {
    const result = await render.renderMarkdown('---\nauthor: 小明\n---\n\n# 标题\n\n正文 ![图](a.png)')
    expect(result.article).toEqual({ title: '标题', author: '小明', comments: false, fansOnlyComments: false, showCover: false, skip: false })
    expect(result.images).toEqual([{ src: 'a.png', alt: '图', index: 0, syntax: 'markdown', position: { line: 7, column: 4 } }])
    expect(result.html).toContain('正文')
    expect(result.html).not.toContain('标题')
    expect(result.messages).toEqual([])
  })

  it('renders a VFile, whose name is the title of last resort', async () => {
    const result = await render.renderMarkdown(new VFile({ path: 'posts/hello-world.md', value: 'No heading.' }))
    expect(result.article.title).toBe('hello-world')
  })

  it('reports document problems as messages instead of throwing, and still returns the html', async () => {
    const result = await render.renderMarkdown(`---\ncomments: maybe\n---\n\n${'很长的文字。'.repeat(4000)}`)
    expect(result.messages.map((message) => [message.ruleId, message.fatal])).toEqual([
      ['frontmatter-type', true],
      ['content-too-long', true],
    ])
    expect(result.html).toContain('很长的文字。')
  })

  it('reports a document nested too deeply to render instead of throwing (nesting-too-deep)', async () => {
    // 10,000 levels overflow the stack with room to spare (3,000 already do). Quotes cost time
    // quadratic in their depth to parse: 30,000 took 53 s, which a loaded machine made a timeout.
    for (const markdown of ['<span>'.repeat(10_000) + 'x', '>'.repeat(10_000) + ' x']) {
      const result = await render.renderMarkdown(new VFile({ path: 'deep.md', value: markdown }))
      expect(result.html).toBe('')
      expect(result.article.title).toBe('deep')
      expect(result.messages.map((message) => [message.ruleId, message.fatal, message.source])).toEqual([['nesting-too-deep', true, 'mdwx']])
      expect(result.messages[0]?.reason).toMatch(/^The article is nested too deeply to render/)
    }
  })

  it('passes its options to the plugins', async () => {
    const result = await render.renderMarkdown('[a](https://a.org)[^1] ![x](x.png)\n\n[^1]: n', {
      referencesTitle: 'References',
      notesTitle: 'Notes',
      resolveImage: (ref) => `https://mmbiz.qpic.cn/${ref.index}.png`,
    })
    expect(result.html).toContain('References')
    expect(result.html).toContain('Notes')
    expect(result.html).toContain('src="https://mmbiz.qpic.cn/0.png"')
  })

  it('exposes the pipeline as a processor a site generator can run', async () => {
    const file = new VFile({ value: 'Hello **world**' })
    const html = String(await render.createWeixinProcessor().process(file))
    expect(html).toContain('<strong')
    expect(file.data.article?.title).toBe('')
  })
})
