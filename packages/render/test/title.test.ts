import { remarkWeixinFrontmatter, remarkWeixinTitle } from '@mdwx/render'
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

async function title(markdown: string, path?: string) {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkWeixinFrontmatter)
    .use(remarkWeixinTitle)
  const file = new VFile(path === undefined ? { value: markdown } : { value: markdown, path })
  const tree = (await processor.run(processor.parse(file), file)) as Root
  return { title: file.data.article?.title, kinds: tree.children.map((node) => node.type), file }
}

describe('remark-weixin-title', () => {
  it('takes the front matter title first', async () => {
    const result = await title('---\ntitle: From front matter\n---\n\n# Heading\n\nText', 'posts/name.md')
    expect(result.title).toBe('From front matter')
    // The heading differs from the title: it stays in the body.
    expect(result.kinds).toEqual(['yaml', 'heading', 'paragraph'])
  })

  it('falls back to the first level-1 heading, and removes it when it opens the article', async () => {
    const result = await title('# The *real*   title\n\nText\n\n# Second', 'posts/name.md')
    expect(result.title).toBe('The real title')
    expect(result.kinds).toEqual(['paragraph', 'heading'])
    expect(result.file.data.articlePlaces?.title?.start.line).toBe(1)
  })

  it('removes a leading heading equal to the front matter title (Weixin prints the title above it)', async () => {
    const result = await title('---\ntitle: Same\n---\n\n<!-- note -->\n\n# Same\n\nText')
    expect(result.kinds).toEqual(['yaml', 'html', 'paragraph'])
  })

  it('keeps a level-1 heading that is not the first content', async () => {
    const result = await title('Intro\n\n# Title\n\nText')
    expect(result.title).toBe('Title')
    expect(result.kinds).toEqual(['paragraph', 'heading', 'paragraph'])
  })

  it('ignores level-2 headings and headings inside other blocks', async () => {
    const result = await title('> # Quoted\n\n## Section', 'docs/let.md')
    expect(result.title).toBe('let')
  })

  it('uses the file name without extension, else an empty title', async () => {
    expect((await title('Text', 'posts/my-post.md')).title).toBe('my-post')
    expect((await title('Text')).title).toBe('')
  })

  it('works without remark-weixin-frontmatter', async () => {
    const processor = unified().use(remarkParse).use(remarkWeixinTitle)
    const file = new VFile({ value: '# Alone' })
    await processor.run(processor.parse(file), file)
    expect(file.data.article).toEqual({ title: 'Alone', comments: false, fansOnlyComments: false, showCover: false, skip: false })
  })
})
