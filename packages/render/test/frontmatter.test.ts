import { remarkWeixinFrontmatter } from '@mdwx/render'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { ruleIds } from './helpers.js'

async function read(markdown: string) {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkWeixinFrontmatter)
  const file = new VFile({ value: markdown, path: 'posts/a.md' })
  await processor.run(processor.parse(file), file)
  return file
}

describe('remark-weixin-frontmatter', () => {
  it('reads every key of DESIGN.md into the article', async () => {
    const file = await read(
      [
        '---',
        'title: Hello',
        'author: 小明',
        'digest: Short summary',
        'cover: ./cover.png',
        'source_url: https://example.com/post',
        'comments: true',
        'fans_only_comments: true',
        'show_cover: true',
        'tags: [ignored, keys]',
        '---',
        '',
        'Body',
      ].join('\n'),
    )
    expect(file.data.article).toEqual({
      title: 'Hello',
      author: '小明',
      digest: 'Short summary',
      cover: './cover.png',
      sourceUrl: 'https://example.com/post',
      comments: true,
      fansOnlyComments: true,
      showCover: true,
      skip: false,
    })
    expect(file.data.frontmatter).toMatchObject({ title: 'Hello', tags: ['ignored', 'keys'] })
    expect(file.messages).toEqual([])
  })

  it.each([
    ['description', 'digest'],
    ['summary', 'digest'],
    ['excerpt', 'digest'],
    ['subtitle', 'digest'],
    ['image', 'cover'],
    ['thumbnail', 'cover'],
    ['banner', 'cover'],
    ['heroImage', 'cover'],
    ['ogImage', 'cover'],
    ['top_img', 'cover'],
    ['canonical', 'sourceUrl'],
    ['original_url', 'sourceUrl'],
  ] as const)('accepts the alias %s for %s', async (alias, field) => {
    const file = await read(`---\n${alias}: https://example.com/x\n---\n`)
    expect(file.data.article?.[field]).toBe('https://example.com/x')
  })

  it.each([
    ['cover:\n  image: https://example.com/x\n  alt: a', 'the `image` of a cover object (Hugo PaperMod)'],
    ['images:\n  - https://example.com/x\n  - https://example.com/y', 'the first of `images` (Hugo)'],
    ['cover:\n  image: https://example.com/x\nimages: [https://example.com/y]', '`cover.image` before `images[0]`'],
  ])('reads the cover from %j: %s', async (yaml) => {
    const file = await read(`---\n${yaml}\n---\n`)
    expect(file.data.article?.cover).toBe('https://example.com/x')
    expect(file.messages).toEqual([])
  })

  it('reports a nested cover of the wrong type by its full key, at its top-level line', async () => {
    const file = await read('---\ntitle: t\ncover:\n  image: [a]\n---\n')
    expect(file.messages.map((message) => [message.reason, message.line])).toEqual([['Front matter key `cover.image` must be text, got an array of 1', 3]])
  })

  it('prefers the main key over an alias', async () => {
    const file = await read('---\ndigest: main\ndescription: alias\n---\n')
    expect(file.data.article?.digest).toBe('main')
  })

  it('defaults every switch to false and leaves absent fields absent', async () => {
    const file = await read('No front matter here')
    expect(file.data.article).toEqual({ title: '', comments: false, fansOnlyComments: false, showCover: false, skip: false })
    expect(file.data.frontmatter).toEqual({})
  })

  it.each([
    ['draft: true', true],
    ['publish: false', true],
    ['published: false', true],
    ['weixin: false', true],
    ['draft: false', false],
    ['publish: true', false],
    ['published: true', false],
    ['weixin: true', false],
  ])('marks %s as skip=%s', async (line, skip) => {
    const file = await read(`---\n${line}\n---\n`)
    expect(file.data.article?.skip).toBe(skip)
  })

  it.each([
    ['math: false', { math: false }],
    ['math: true', { math: true }],
    ['mermaid: false', { mermaid: false }],
    ['math: false\nmermaid: true', { math: false, mermaid: true }],
  ])('reads the switch %j into the article', async (lines, fields) => {
    const file = await read(`---\ntitle: t\n${lines}\n---\n`)
    expect(file.data.article).toEqual({ title: 't', comments: false, fansOnlyComments: false, showCover: false, skip: false, ...fields })
    expect(file.messages).toEqual([])
  })

  it.each(['math', 'mermaid'])('reports a %s switch of the wrong type at its line (frontmatter-type), and leaves it absent', async (key) => {
    const file = await read(`---\ntitle: t\n${key}: "no"\n---\n`)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal, message.reason])).toEqual([
      ['frontmatter-type', 3, 1, true, `Front matter key \`${key}\` must be true or false, got "no"`],
    ])
    expect(file.data.article && key in file.data.article).toBe(false)
  })

  it('reads the cover crops pic_crop_235_1 and pic_crop_1_1, and reports a malformed one at its line (frontmatter-type)', async () => {
    const good = await read('---\ntitle: t\npic_crop_235_1: 0_0.1_1_0.525\npic_crop_1_1: "0.25_0_0.75_1"\n---\n')
    expect(good.data.article).toMatchObject({ coverCrop235: '0_0.1_1_0.525', coverCrop11: '0.25_0_0.75_1' })
    expect(good.messages).toEqual([])
    for (const bad of ['0.5_0_0.2_1', '0_0_1', '0_0_1.5_1', '0.1234567_0_1_1', 'centre']) {
      const file = await read(`---\ntitle: t\npic_crop_1_1: "${bad}"\n---\n`)
      expect(file.messages.map((message) => [message.ruleId, message.line, message.fatal])).toEqual([['frontmatter-type', 3, true]])
      expect(file.messages[0]?.reason).toContain('Front matter key `pic_crop_1_1` must be a crop written `x1_y1_x2_y2`')
      expect(file.data.article && 'coverCrop11' in file.data.article).toBe(false)
    }
  })

  it('accepts numbers for text fields', async () => {
    const file = await read('---\ntitle: 2024\nauthor: 42\n---\n')
    expect(file.data.article).toMatchObject({ title: '2024', author: '42' })
  })

  it('reports a key of the wrong type with its line (frontmatter-type)', async () => {
    const file = await read('---\ntitle: Fine\ncomments: yes\n---\n')
    expect(ruleIds(file)).toEqual(['frontmatter-type'])
    const [message] = file.messages
    expect(message?.reason).toBe('Front matter key `comments` must be true or false, got "yes"')
    expect(message?.fatal).toBe(true)
    expect(message?.line).toBe(3)
    expect(message?.column).toBe(1)
    expect(file.data.article?.comments).toBe(false)
  })

  it('names the alias the author wrote and refuses lists and mappings for text', async () => {
    const file = await read('---\ndescription: [a, b]\nauthor:\n  name: x\n---\n')
    expect(file.messages.map((message) => message.reason)).toEqual([
      'Front matter key `author` must be text, got an object',
      'Front matter key `description` must be text, got an array of 2',
    ])
    expect(file.messages.map((message) => message.line)).toEqual([3, 2])
  })

  it('wants an http(s) URL for source_url', async () => {
    const file = await read('---\nsource_url: not a url\n---\n')
    expect(file.messages[0]?.reason).toBe('Front matter key `source_url` must be an http(s) URL, got "not a url"')
    expect(file.data.article?.sourceUrl).toBeUndefined()
  })

  it('reports broken YAML with its line (frontmatter-yaml)', async () => {
    const file = await read('---\ntitle: ok\nauthor: "unclosed\n---\n')
    expect(ruleIds(file)).toEqual(['frontmatter-yaml'])
    expect(file.messages[0]?.reason).toMatch(/^Front matter is not valid YAML: /)
    expect(file.messages[0]?.line).toBe(3)
    expect(file.messages[0]?.fatal).toBe(true)
  })

  it('refuses front matter that is not key: value lines (frontmatter-yaml)', async () => {
    const file = await read('---\n- a\n- b\n---\n')
    expect(ruleIds(file)).toEqual(['frontmatter-yaml'])
    expect(file.messages[0]?.line).toBe(1)
  })

  it('treats empty values as absent', async () => {
    const file = await read('---\ntitle:\nauthor: ""\n---\n')
    expect(file.data.article?.title).toBe('')
    expect(file.data.article?.author).toBeUndefined()
    expect(file.messages).toEqual([])
  })

  it('reports an alias bomb instead of expanding it (frontmatter-yaml)', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`)
    }
    const file = await read(`---\n${lines.join('\n')}\n---\n`)
    expect(ruleIds(file)).toEqual(['frontmatter-yaml'])
    expect(file.messages[0]?.reason).toContain('Excessive alias count')
  })
})
