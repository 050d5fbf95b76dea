import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { check, convert, renderArticleViews, type ArticleMessage } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { draftArticles } from './support/emulator.js'
import { writeFiles } from './support/fixtures.js'
import { publishTo } from './support/library.js'
import * as pictures from './support/pictures.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

// A label with a control character: beautiful-mermaid writes it into an attribute, where XML
// forbids it, so librsvg cannot read the SVG and no picture can be made of the diagram.
const unrasterisable = '---\ncover: cover.jpg\n---\n\n# 坏图\n\n```mermaid\nflowchart LR\n  A["a\u0001b"] --> B[结束]\n```\n'
// An emoji: Noto Sans SC has no glyph for it, so it is drawn as a box.
const emoji = '---\ncover: cover.jpg\n---\n\n# 表情\n\n```mermaid\nflowchart LR\n  A["开心 😀"] --> B[好]\n```\n'

function found(messages: readonly ArticleMessage[]): string[] {
  return messages.map((message) => `${message.line ?? '-'}:${message.column ?? '-'} ${message.severity} ${message.ruleId}`)
}

describe('a diagram that cannot be made into a picture, and one with a character the font lacks, in every command', () => {
  let cwd: string
  let emulator: Emulator

  beforeAll(async () => {
    cwd = await createTempDir('diagram-fallback')
    await writeFiles(path.join(cwd, 'posts'), { 'cover.jpg': await pictures.jpeg(), 'broken.md': unrasterisable, 'emoji.md': emoji })
    emulator = await startEmulator()
  })
  afterAll(async () => {
    await emulator.close()
    await removeTempDirs()
  })

  const expected = {
    'broken.md': ['7:1 warning diagram-unrasterised'],
    'emoji.md': ['7:1 warning diagram-glyph-missing'],
  }

  it('check: both publishable, each with its positioned warning', async () => {
    const report = await check(['posts'], { cwd })
    expect(Object.fromEntries(report.articles.map((article) => [article.relativePath, [article.status, ...found(article.messages)]]))).toEqual({
      'broken.md': ['ok', ...expected['broken.md']],
      'emoji.md': ['ok', ...expected['emoji.md']],
    })
    const glyph = report.articles.find((article) => article.relativePath === 'emoji.md')!.messages[0]!
    expect(glyph.message).toBe('The diagram shows a character as a box: Noto Sans SC, the font its text is drawn with, has no glyph for U+1F600 (😀)')
    expect(report.errors).toBe(0)
  })

  it('convert: the diagram stays code, no data: URL is written; the other is a picture file', async () => {
    const out = path.join(cwd, 'out')
    const report = await convert(['posts'], { cwd, out })
    expect(Object.fromEntries(report.articles.map((article) => [article.relativePath, found(article.messages)]))).toEqual(expected)
    const broken = await readFile(path.join(out, 'broken.html'), 'utf8')
    expect(broken).not.toContain('data:')
    expect(broken).not.toContain('<img')
    expect(broken).toMatch(/<pre\b[^>]*>flowchart LR/)
    const withEmoji = await readFile(path.join(out, 'emoji.html'), 'utf8')
    expect(withEmoji).not.toContain('data:')
    expect(withEmoji).toMatch(/<img src="assets\/[0-9a-f]{64}\.png"/)
  })

  it('screenshot (its render path): the same HTML and warnings, no data: URL', async () => {
    const views: Record<string, string> = {}
    const report = await renderArticleViews(['posts'], { cwd, onArticle: (view) => void (views[view.relativePath] = view.html) })
    expect(Object.fromEntries(report.articles.map((article) => [article.relativePath, found(article.messages)]))).toEqual(expected)
    expect(views['broken.md']).not.toContain('data:')
    expect(views['broken.md']).toContain('flowchart LR')
    expect(views['emoji.md']).toMatch(/<img src="\/assets\/[0-9a-f]{64}\.png"/)
  })

  it('publish: both articles are created; the broken diagram is sent as code, never as a data: URL', async () => {
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(report.articles.map((article) => [article.key, article.status, ...found(article.messages)])).toEqual([
      ['posts/broken.md', 'created', ...expected['broken.md']],
      ['posts/emoji.md', 'created', ...expected['emoji.md']],
    ])
    const sent = Object.fromEntries(draftArticles(emulator).map((article) => [article.title, article.content]))
    expect(sent['坏图']).not.toContain('data:')
    expect(sent['坏图']).toContain('flowchart LR')
    expect(sent['表情']).not.toContain('data:')
    expect(sent['表情']).toMatch(/<img src="http/)
  })
})

describe('a character the font lacks, in each kind of drawn picture', () => {
  afterAll(removeTempDirs)

  it('is a positioned warning naming it: diagram-glyph-missing, math-glyph-missing (math: image), image-glyph-missing (an SVG file)', async () => {
    const cwd = await createTempDir('glyph-kinds')
    await writeFiles(cwd, {
      'cover.jpg': await pictures.jpeg(),
      'text.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><text x="10" y="30">a😀</text></svg>',
      'kinds.md': `---\ncover: cover.jpg\n---\n\n# 三种\n\n$\\text{开心😀}$\n\n![图](text.svg)\n\n${emoji.split('# 表情')[1]!.trim()}\n`,
    })
    const [article] = (await check(['kinds.md'], { cwd, math: 'image' })).articles
    expect(article!.status).toBe('ok')
    expect(article!.messages.map((message) => [message.line, message.ruleId, message.message.replace(/ shows .*/, '')])).toEqual([
      [7, 'math-glyph-missing', 'The formula'],
      [9, 'image-glyph-missing', `The picture ${path.join(cwd, 'text.svg')}`],
      [11, 'diagram-glyph-missing', 'The diagram'],
    ])
    expect(article!.messages.every((message) => message.message.endsWith('has no glyph for U+1F600 (😀)') && message.hint !== undefined)).toBe(true)
  })
})
