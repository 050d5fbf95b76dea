import { renderMarkdown, type ImageResolver } from '@mdwx/render'
import { MdwxError } from '@mdwx/errors'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

/** A resolver whose pictures of drawings cannot be made, as when @mdwx/images refuses one. */
const drawingsFail: ImageResolver = (ref) => {
  if (ref.drawn !== undefined) {
    throw new MdwxError('MDWX_IMAGE_TOO_LARGE', 'data:image/svg+xml (4096 bytes): has more pixels than the 100 megapixels allowed.', { hint: 'Reduce the picture.' })
  }
  return 'https://mmbiz.qpic.cn/photo.png'
}

async function render(markdown: string, options: Parameters<typeof renderMarkdown>[1]) {
  const result = await renderMarkdown(new VFile({ path: 'posts/a.md', value: markdown }), options)
  return { ...result, found: result.messages.map((message) => `${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.ruleId}`) }
}

describe('a drawing whose picture cannot be made', () => {
  it('keeps a Mermaid diagram as its code, with a diagram-unrasterised warning at the fence (diagram-unrasterised)', async () => {
    const markdown = '# 图\n\n![照片](photo.png)\n\n```mermaid\nflowchart LR\n  A[开始] --> B[结束]\n```\n\n```mermaid\nflowchart LR\n  C --> D\n```\n'
    const { html, images, found, messages } = await render(markdown, { resolveImage: drawingsFail })
    expect(found).toEqual(['5:1 warning diagram-unrasterised', '10:1 warning diagram-unrasterised'])
    expect(messages[0]!.reason).toBe(
      'The diagram could not be made into a picture (data:image/svg+xml (4096 bytes): has more pixels than the 100 megapixels allowed): it is shown as its Mermaid source',
    )
    expect(html).not.toContain('data:')
    expect(html).not.toContain('<img src="data')
    // The fence, as a code block: its lines and its characters are all there.
    expect(html).toContain('flowchart LR')
    expect(html).toContain('开始')
    expect(html).toMatch(/<pre\b/)
    // Only the photo is left among the pictures: no cover or upload is looked for in a diagram that is not one.
    expect(images.map((image) => [image.src, image.index])).toEqual([['photo.png', 0]])
  })

  it.each([
    ['an inline formula', '质能 $E=mc^2$ 方程\n', '1:4'],
    ['a display formula', '$$\n\\frac{1}{2}\n$$\n', '1:1'],
  ])('keeps %s drawn as a picture (math: image) as its TeX, with a warning (math-unrasterised)', async (_what, markdown, place) => {
    const { html, images, found, messages } = await render(markdown, { math: 'image', resolveImage: drawingsFail })
    expect(found).toEqual([`${place} warning math-unrasterised`])
    expect(messages[0]!.reason).toMatch(/^The formula could not be made into a picture \(.*\): it is shown as its TeX source$/)
    expect(html).not.toContain('data:')
    expect(html).not.toContain('<img')
    expect(html).toContain(markdown.includes('frac') ? '\\frac{1}{2}' : 'E=mc^2')
    expect(images).toEqual([])
  })

  it('a picture the writer gave as a data: URI that cannot be resolved is an error, and its data: URI is not written (image-unresolved)', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>').toString('base64')
    const { html, found } = await render(`![图](data:image/svg+xml;base64,${svg})\n`, {
      resolveImage: () => {
        throw new Error('cannot be decoded')
      },
    })
    expect(found).toEqual(['1:1 error image-unresolved'])
    expect(html).not.toContain('data:')
  })

  it('a drawing that resolves is a picture as before', async () => {
    const { html, found, images } = await render('```mermaid\nflowchart LR\n  A --> B\n```\n', { resolveImage: () => 'https://mmbiz.qpic.cn/d.png' })
    expect(found).toEqual([])
    expect(html).toContain('<img src="https://mmbiz.qpic.cn/d.png"')
    expect(images.map((image) => image.drawn)).toEqual(['diagram'])
  })
})
