import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderMarkdown, type ImageRef, type RenderOptions } from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formulaCount, mathArticle } from '../../../test/support/math-article.js'

// test/math-auto/input.md: an ordinary article with 8 formulas (an aligned block, a matrix, an
// integral, 5 inline) and 2 Mermaid diagrams; output.html is what it renders to with the
// default options and a resolver like @mdwx/publish's (MDWX_UPDATE_FIXTURES=1 rewrites it).
const folder = fileURLToPath(new URL('./math-auto/', import.meta.url))
const article = readFileSync(`${folder}input.md`, 'utf8')
const update = process.env['MDWX_UPDATE_FIXTURES'] === '1'

/** Uploaded URLs as long as @mdwx/publish measures them with (stand-ins of 195 characters). */
const uploaded = (ref: ImageRef) => `https://mmbiz.qpic.cn/mmbiz_png/${String(ref.index).padStart(3, '0')}`.padEnd(195, 'x')

async function render(markdown: string, options: RenderOptions = { resolveImage: uploaded }) {
  const file = new VFile({ path: 'posts/article.md', value: markdown })
  const result = await renderMarkdown(file, options)
  return {
    ...result,
    file,
    characters: [...result.html].length,
    svg: result.html.match(/<svg /g)?.length ?? 0,
    pictures: result.images.filter((image) => image.drawn === 'formula').length,
    ruleIds: result.messages.map((message) => message.ruleId),
  }
}

describe("math: 'auto' (the default): the heaviest formulas become pictures when the article is over the limit", () => {
  it('the 8-formula article with 2 diagrams: over the limit as SVG, under it with its heaviest formula as a picture', async () => {
    const svg = await render(article, { math: 'svg', resolveImage: uploaded })
    expect(svg.characters).toBeGreaterThan(33_000)
    expect(svg.ruleIds).toEqual(['content-too-long'])

    const auto = await render(article)
    expect(auto.characters).toBeLessThan(20_000)
    // The aligned block (line 14) is a picture; the matrix, the integral and two inline formulas
    // stay SVG; the three simple ones are text.
    expect([auto.pictures, auto.svg]).toEqual([1, 4])
    expect(auto.html).toContain('<span>(<i>x</i><sub><i>i</i></sub>,\u202f<i>y</i><sub><i>i</i></sub>)</span>')
    expect(auto.images.filter((image) => image.drawn === 'formula').map((image) => image.alt)).toEqual([expect.stringMatching(/^\\begin\{aligned\}/)])
    expect(auto.messages.map((message) => `${message.line}:${message.column} ${message.fatal === undefined ? 'info' : message.fatal} ${message.ruleId}`)).toEqual([
      '14:1 info math-pictures',
    ])
    expect(auto.messages[0]!.reason).toBe(
      "1 formula is drawn as a picture, not SVG (line 14): the heaviest, to bring the article under Weixin's length limit. It is uploaded like an image",
    )

    const actual = `${auto.html}\n<!-- messages:\n${auto.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`).join('\n')}\n-->\n`
    if (update) writeFileSync(`${folder}output.html`, actual)
    expect(actual).toBe(readFileSync(`${folder}output.html`, 'utf8'))
  })

  it('the 30-formula article of the publish tests, with its 3 diagrams and without: under the limit', async () => {
    for (const diagrams of [true, false]) {
      const svg = await render(mathArticle({ diagrams }), { math: 'svg', resolveImage: uploaded })
      const auto = await render(mathArticle({ diagrams }))
      expect(auto.characters, `diagrams: ${diagrams}`).toBeLessThan(20_000)
      expect(auto.ruleIds, `diagrams: ${diagrams}`).toEqual(['math-pictures'])
      expect(svg.ruleIds, `diagrams: ${diagrams}`).toEqual(['content-too-long'])
      // 22 of the 30 are text; of the 8 others, the aligned block alone is enough as a picture.
      expect([svg.svg, auto.svg, auto.pictures], `diagrams: ${diagrams}`).toEqual([8, 7, 1])
      expect(auto.messages[0]!.reason).toMatch(/^1 formula is drawn as a picture, not SVG \(line \d+\)/)
      expect(auto.images.find((image) => image.drawn === 'formula')?.alt).toMatch(/^\\begin\{aligned\}/)
    }
    expect(formulaCount).toBe(30)
  })

  it('keeps every formula of a short article as text or SVG, without a message', async () => {
    const { html, pictures, svg, messages } = await render('# 短文\n\n质能方程 $E=mc^2$ 与\n\n$$\n\\frac{1}{2}\n$$\n')
    expect(messages).toEqual([])
    expect(pictures).toBe(0)
    expect(svg).toBe(1)
    expect(html).toContain('<i>E</i>')
  })

  it("math: 'svg' keeps every formula SVG even over the limit (the error stands); math: 'image' makes all pictures", async () => {
    const svg = await render(article, { math: 'svg', resolveImage: uploaded })
    expect([svg.svg, svg.pictures]).toEqual([5, 0])
    expect(svg.html).toContain('<i>η</i>')
    expect(svg.ruleIds).toEqual(['content-too-long'])
    const image = await render(article, { math: 'image', resolveImage: uploaded })
    expect([image.svg, image.pictures]).toEqual([0, 8])
    expect(image.ruleIds).toEqual([])
  })

  it('when even every formula as a picture does not fit, the content-too-long error stands, after the info', async () => {
    const { pictures, svg, ruleIds, messages } = await render(`${article}\n\n${'长'.repeat(20_000)}\n`)
    expect([pictures, svg]).toEqual([5, 0])
    expect(ruleIds).toEqual(['math-pictures', 'content-too-long'])
    expect(messages[1]!.reason).toMatch(/^The article's HTML is [\d,]+ characters; Weixin accepts under 20,000\. Heaviest parts: /)
  })

  it('the pictures go through resolveImage with the file given (resolvers may be keyed on it), as data: URIs of SVG', async () => {
    const seen: { src: string; file: VFile }[] = []
    const file = new VFile({ path: 'posts/article.md', value: article })
    const { html } = await renderMarkdown(file, {
      resolveImage: (ref, given) => {
        seen.push({ src: ref.src.slice(0, 26), file: given })
        return uploaded(ref)
      },
    })
    expect(seen.every((call) => call.file === file)).toBe(true)
    // The diagrams once per run (two runs), the formula once.
    expect(seen.filter((call) => call.src === 'data:image/svg+xml;base64,')).toHaveLength(2 * 2 + 1)
    expect(html).toContain('https://mmbiz.qpic.cn/mmbiz_png/001')
    // One run's messages and data: nothing is reported twice.
    expect(file.messages.map((message) => message.ruleId)).toEqual(['math-pictures'])
    expect([...(file.data.formulaPictures ?? [])]).toEqual([2])
  })

  it('keeps the messages the file had, and reports a warning of the article once', async () => {
    const file = new VFile({ path: 'posts/article.md', value: `${article}\n\n坏的 $\\frac{a$\n` })
    file.message('from the caller')
    const { messages } = await renderMarkdown(file, { resolveImage: uploaded })
    expect(messages.map((message) => message.ruleId ?? message.reason)).toEqual(['from the caller', 'math-invalid', 'math-pictures'])
  })

  it('without a resolver a picture would be its data: URI, longer than its SVG: nothing is tried', async () => {
    const { pictures, ruleIds } = await render(article, {})
    expect(pictures).toBe(0)
    expect(ruleIds).toEqual(['content-too-long'])
  })

  it('a unified pipeline names the pictures itself in file.data.formulaPictures', async () => {
    const file = new VFile({ path: 'posts/p.md', value: '$\\frac{1}{2}$ 与 $x^2$ 与 $\\sqrt{2}$\n' })
    file.data.formulaPictures = new Set([2])
    const { html, images, messages } = await renderMarkdown(file)
    expect(images.map((image) => image.alt)).toEqual(['\\sqrt{2}'])
    expect(html.match(/<svg /g)).toHaveLength(1)
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['1:25 math-pictures'])
    expect(messages[0]!.reason).toMatch(/^1 formula is drawn as a picture, not SVG \(line 1\)/)
  })
})
