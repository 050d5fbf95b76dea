import { remarkWeixinFrontmatter, renderMarkdown } from '@mdwx/render'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { syntaxOf } from '../src/document-syntax.js'
import { ruleIds } from './helpers.js'

async function read(markdown: string) {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkWeixinFrontmatter)
  const file = new VFile({ value: markdown, path: 'content/posts/a.md' })
  const tree = await processor.run(processor.parse(file), file)
  return { file, tree }
}

const toml = (...lines: string[]) => ['+++', ...lines, '+++', '', '正文'].join('\n')

describe('remark-weixin-frontmatter: TOML front matter (Hugo)', () => {
  it('reads the same keys as YAML, and removes the block from the body', async () => {
    const { file, tree } = await read(
      toml(
        'title = "我的旅行"',
        'author = "小明"',
        'description = "一次旅行的记录"',
        'images = ["cover.png", "other.png"]',
        'canonical = "https://example.com/posts/my-trip/"',
        'comments = true',
        'date = 2026-01-02T10:00:00+08:00',
        'tags = ["旅行"]',
        '[params]',
        'title = "not the title"',
      ),
    )
    expect(file.data.article).toEqual({
      title: '我的旅行',
      author: '小明',
      digest: '一次旅行的记录',
      cover: 'cover.png',
      sourceUrl: 'https://example.com/posts/my-trip/',
      comments: true,
      fansOnlyComments: false,
      showCover: false,
      skip: false,
    })
    expect(file.data.frontmatter).toMatchObject({ tags: ['旅行'], params: { title: 'not the title' } })
    expect(file.messages).toEqual([])
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph'])
  })

  it.each([
    ['draft = true', 'Hugo’s drafts'],
    ['weixin = false', 'a post kept out of Weixin'],
    ['publish = false', 'publish: false'],
  ])('skips the post for %s (%s)', async (line) => {
    const { file } = await read(toml('title = "t"', line))
    expect(file.data.article?.skip).toBe(true)
  })

  it('takes `summary` as the digest and `[cover] image` as the cover (PaperMod), before `images`', async () => {
    const { file } = await read(toml('summary = "摘要"', 'images = ["b.png"]', '[cover]', 'image = "a.png"', 'alt = "封面"'))
    expect(file.data.article).toMatchObject({ digest: '摘要', cover: 'a.png' })
  })

  it('reports a key of the wrong type at its line (frontmatter-type)', async () => {
    const { file } = await read(toml('title = "t"', '', '  draft = "yes"', '[cover]', 'image = ["x"]'))
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column, message.reason])).toEqual([
      ['frontmatter-type', 4, 3, 'Front matter key `draft` must be true or false, got "yes"'],
      ['frontmatter-type', 5, 1, 'Front matter key `cover.image` must be text, got an array of 1'],
    ])
    expect(file.messages.every((message) => message.fatal === true)).toBe(true)
  })

  it('reads the math and mermaid switches, and reports one of the wrong type at its line', async () => {
    const off = await read(toml('math = false', 'mermaid = false'))
    expect(off.file.data.article).toMatchObject({ math: false, mermaid: false })
    const wrong = await read(toml('title = "t"', 'mermaid = "no"'))
    expect(wrong.file.messages.map((message) => [message.ruleId, message.line, message.column, message.reason])).toEqual([
      ['frontmatter-type', 3, 1, 'Front matter key `mermaid` must be true or false, got "no"'],
    ])
  })

  it('does not take a key inside a multi-line string or a table for a top-level key', async () => {
    const { file } = await read(toml('description = """', 'title = 1', '"""', '[params]', 'author = 2', 'author = ["x"]'))
    // Only the duplicated key inside [params] is wrong TOML: reported at its line.
    expect(ruleIds(file)).toEqual(['frontmatter-toml'])
    expect(file.messages[0]?.line).toBe(7)
  })

  it('reports broken TOML with its line and column, and reads no field (frontmatter-toml)', async () => {
    const { file } = await read(toml('title = "t"', 'author = 小明'))
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal])).toEqual([['frontmatter-toml', 3, 10, true]])
    expect(file.messages[0]?.reason).toMatch(/^Front matter is not valid TOML: /)
    expect(file.data.article?.title).toBe('')
  })

  it('drops `__proto__` keys instead of setting a prototype', async () => {
    const { file } = await read(toml('title = "t"', '[__proto__]', 'polluted = true'))
    expect(file.messages).toEqual([])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.keys(file.data.frontmatter ?? {})).toEqual(['title'])
  })

  it('is found from the first line by document-syntax, and leaves `+++` elsewhere alone', async () => {
    expect(syntaxOf('+++\ntitle = "t"\n+++\n').frontmatter).toBe(true)
    expect(syntaxOf('\uFEFF+++\ntitle = "t"\n+++\n').frontmatter).toBe(true)
    expect(syntaxOf('text\n+++\ntitle = "t"\n+++\n').frontmatter).toBe(false)
    const { html, article } = await renderMarkdown('text\n\n+++\n\nmore')
    expect(html).toContain('+++')
    expect(article.title).toBe('')
  })

  it('gives the title in the full pipeline, and a leading `#` heading that repeats it is removed', async () => {
    const { html, article, messages } = await renderMarkdown(new VFile({ path: 'content/posts/a.md', value: '+++\ntitle = "标题"\n+++\n\n# 标题\n\n正文\n' }))
    expect(article.title).toBe('标题')
    expect(html).not.toContain('<h1')
    expect(html).not.toContain('title =')
    expect(messages).toEqual([])
  })
})

describe('remark-weixin-title: page bundles', () => {
  it('names an index.md without a title after its folder (Hugo’s page bundle)', async () => {
    const { article } = await renderMarkdown(new VFile({ path: 'content/posts/my-trip/index.md', value: '正文\n' }))
    expect(article.title).toBe('my-trip')
  })

  it('keeps the file name otherwise, and the title or heading first', async () => {
    expect((await renderMarkdown(new VFile({ path: 'posts/a.md', value: '正文\n' }))).article.title).toBe('a')
    expect((await renderMarkdown(new VFile({ path: 'index.md', value: '正文\n' }))).article.title).toBe('index')
    expect((await renderMarkdown(new VFile({ path: 'trip/index.md', value: '# 旅行\n\n正文\n' }))).article.title).toBe('旅行')
  })
})
