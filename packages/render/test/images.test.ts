import { MdwxError } from '@mdwx/errors'
import { rehypeWeixinImages, type ImageRef, type ImageResolver } from '@mdwx/render'
import { describe, expect, it } from 'vitest'
import { renderSafe, ruleIds } from './helpers.js'

describe('rehype-weixin-images', () => {
  it('collects Markdown and HTML images in document order, with their place', async () => {
    const { file } = await renderSafe(
      '# T\n\n![A cat](./img/cat.png "Cat")\n\n<p><img src="https://x.org/dog.jpg" alt="dog"></p>\n\n* ![图](<./图片/架构 图.png>)',
    )
    expect(file.data.images).toEqual<ImageRef[]>([
      { src: './img/cat.png', alt: 'A cat', title: 'Cat', index: 0, syntax: 'markdown', position: { line: 3, column: 1 } },
      { src: 'https://x.org/dog.jpg', alt: 'dog', index: 1, syntax: 'html', position: { line: 5, column: 4 } },
      { src: './图片/架构 图.png', alt: '图', index: 2, syntax: 'markdown', position: { line: 7, column: 3 } },
    ])
  })

  it('gives the resolver the path as written, but keeps escapes the author wrote for other characters', async () => {
    const { file } = await renderSafe('![](a%2Fb%20c.png) ![](&#x41;.png)')
    expect(file.data.images?.map((image) => image.src)).toEqual(['a%2Fb c.png', 'A.png'])
  })

  it('leaves src as written without a resolver', async () => {
    const { html } = await renderSafe('![x](a.png)')
    expect(html).toBe('<p><img src="a.png" alt="x"></p>')
  })

  it('replaces every src with what the resolver returns, calling it for all images at once', async () => {
    let started = 0
    const startedWhenResumed: number[] = []
    const seen: Array<[ImageRef, string | undefined]> = []
    const resolveImage: ImageResolver = async (ref, file) => {
      started++
      seen.push([ref, file.path])
      await Promise.resolve()
      startedWhenResumed.push(started)
      return `https://mmbiz.qpic.cn/${ref.index}.png`
    }
    const { html } = await renderSafe('![a](a.png) <img src="b.png">', { resolveImage }, 'posts/p.md')
    expect(html).toBe('<p><img src="https://mmbiz.qpic.cn/0.png" alt="a"> <img src="https://mmbiz.qpic.cn/1.png"></p>')
    expect(startedWhenResumed).toEqual([2, 2])
    expect(seen.map(([ref, path]) => [ref.src, path])).toEqual([
      ['a.png', 'posts/p.md'],
      ['b.png', 'posts/p.md'],
    ])
  })

  it('marks the article unpublishable when an image cannot be resolved (image-unresolved)', async () => {
    const resolveImage: ImageResolver = (ref) => {
      if (ref.src === 'missing.png') {
        throw new MdwxError('MDWX_IMAGE_NOT_FOUND', 'No such file: missing.png.', { hint: 'Check the path' })
      }
      return 'https://mmbiz.qpic.cn/ok.png'
    }
    const { html, file } = await renderSafe('Text\n\n![ok](ok.png) ![gone](missing.png)', { resolveImage })
    expect(html).toBe('<p>Text</p><p><img src="https://mmbiz.qpic.cn/ok.png" alt="ok"> <img src="missing.png" alt="gone"></p>')
    expect(ruleIds(file)).toEqual(['image-unresolved'])
    const [message] = file.messages
    expect(message?.fatal).toBe(true)
    expect(message?.reason).toBe('Image "missing.png" could not be resolved: No such file: missing.png. Check the path')
    expect([message?.line, message?.column]).toEqual([3, 15])
  })

  it('refuses a resolver answer that is not a safe image URL', async () => {
    const { file } = await renderSafe('![x](a.png)', { resolveImage: () => 'javascript:alert(1)' })
    expect(ruleIds(file)).toEqual(['image-unresolved'])
    expect(file.messages[0]?.reason).toContain('the resolver returned "javascript:alert(1)", which is not an image URL')
  })

  it('turns width and height into inline style', async () => {
    const { html } = await renderSafe(
      '<img src="a.png" width="300" height="200"> <img src="b.png" width="50%"> <img src="c.png" width="300px; " style="width:400px"> <img src="d.png" width="wide"> <img src="e.png" height="20" style="color:red">',
    )
    expect(html).toBe(
      '<p><img src="a.png" style="width:300px;height:200px"> <img src="b.png" style="width:50%"> <img src="c.png" style="width:400px"> <img src="d.png"> <img src="e.png" style="height:20px;color:red"></p>',
    )
  })

  it('keeps images whose URL scheme has capitals or spaces around it, as browsers read them', async () => {
    const { html, file } = await renderSafe('![a](HTTPS://x.org/a.png) <img src=" https://x.org/b.png"> <img src="DATA:image/svg+xml;base64,AA">')
    expect(html).toBe('<p><img src="https://x.org/a.png" alt="a"> <img src="https://x.org/b.png"> <img src="data:image/svg+xml;base64,AA"></p>')
    expect(file.messages).toEqual([])
    expect(file.data.images?.map((image) => image.src)).toEqual(['https://x.org/a.png', 'https://x.org/b.png', 'data:image/svg+xml;base64,AA'])
  })

  it('removes images without a source (image-no-src)', async () => {
    const { html, file } = await renderSafe('a <img alt="x"> b ![](<>)')
    expect(html).toBe('<p>a  b </p>')
    expect(ruleIds(file)).toEqual(['image-no-src', 'image-no-src'])
    expect(file.data.images).toEqual([])
  })

  it('removes images whose source could run code (image-unsafe)', async () => {
    const { html, file } = await renderSafe('a ![x](javascript:alert(1)) <img src="data:text/html,<script>alert(1)</script>"> b')
    expect(html).toBe('<p>a   b</p>')
    expect(ruleIds(file)).toEqual(['image-unsafe', 'image-unsafe'])
  })

  it('validates its options', () => {
    expect(() => rehypeWeixinImages({ resolveImage: 'x' as unknown as ImageResolver })).toThrow(
      'Expected a function for resolveImage, got "x"',
    )
  })
})
