import { readdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { normalizeImage } from '@mdwx/images'
import { convert } from '@mdwx/publish'
import { renderMarkdown } from '@mdwx/render'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharp } from './support/sharp.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

// The font package as @mdwx/images has it.
const unicodeJson = createRequire(new URL('../packages/images/package.json', import.meta.url)).resolve('@fontsource/noto-sans-sc/unicode.json')

/**
 * One character from each subset file of Noto Sans SC, in unicode.json's order: the first Han
 * character the file has that no other file's range lists, else the first letter, else the first
 * symbol; for subset 101, 倚, one of the everyday characters that failed. Written out (as code
 * points: an editor may normalise 更 U+F901 to U+66F4) rather than found with the code under
 * test, which would pick around a file it cannot read.
 */
const oneCharacterPerFile = [
  0x1f21a, 0xff21, 0xf901, 0x9f83, 0x9e30, 0x9c82, 0x9a80, 0x98dd, 0x975b, 0x95c4, 0x94f5, 0x941c, 0x92ec, 0x9163, 0x9004,
  0x8e41, 0x8cbd, 0x8b80, 0x8a15, 0x8882, 0x86f4, 0x8548, 0x83c5, 0x82bc, 0x8166, 0x8016, 0x7ef0, 0x7dd2, 0x7ce8, 0x7bd3,
  0x7ae6, 0x798b, 0x784c, 0x7722, 0x7613, 0x750d, 0x73f0, 0x72e6, 0x71a8, 0x700b, 0x6ed9, 0x6dc3, 0x6cb1, 0x6b83, 0x69fe,
  0x68d3, 0x678b, 0x6631, 0x64f1, 0x63b8, 0x622c, 0x60ed, 0x5fc4, 0x5e98, 0x5d26, 0x5bec, 0x5aa0, 0x596a, 0x5820, 0x56f9,
  0x55f5, 0x550f, 0x53e7, 0x5289, 0x5104, 0x4fd1, 0x4ea3, 0x3434, 0x2ebb, 0x2660, 0x2550, 0x2465, 0x2126, 0x2074, 0x2d9,
  0x192, 0xaa, 0x4e10, 0x501a, 0x3448, 0x4e52, 0x4e19, 0x4e56, 0x4e1b, 0x4e18, 0x4e08, 0x4e11, 0x4e54, 0x4e4c, 0x4e01,
  0x4e4e, 0x4e03, 0x4e14, 0x4e16, 0x4e07, 0x4e09, 0x4e00, 0x401, 0x1eaa, 0x11a, 0x41,
].map((codePoint) => String.fromCodePoint(codePoint))

/** Whether unicode.json's range for `subset` lists `character`. */
function listedIn(ranges: string, character: string): boolean {
  const codePoint = character.codePointAt(0)!
  return ranges.split(',').some((range) => {
    const [from, to = from] = range.trim().slice(2).split('-').map((hex) => Number.parseInt(hex, 16)) as [number, number?]
    return codePoint >= from && codePoint <= to
  })
}

interface Label {
  text: string
  /** The label's box in the picture's pixels. */
  left: number
  right: number
  top: number
  bottom: number
}

/** Each `<text>` of the diagram's SVG, with the box its one character can take, in the pixels of a picture `width` wide. */
function labelBoxes(svg: string, width: number): Label[] {
  const viewBox = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) [\d.]+"/.exec(svg)![1]!
  const scale = width / Number(viewBox)
  const labels: Label[] = []
  for (const [, attributes, text] of svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)) {
    const number = (name: string) => Number(new RegExp(`\\b${name}="([\\d.-]+)"`).exec(attributes!)?.[1] ?? 0)
    const size = number('font-size')
    const baseline = number('y') + number('dy')
    expect(attributes).toContain('text-anchor="middle"')
    labels.push({
      text: text!,
      left: Math.floor((number('x') - 0.6 * size) * scale),
      right: Math.ceil((number('x') + 0.6 * size) * scale),
      top: Math.floor((baseline - 1.0 * size) * scale),
      bottom: Math.ceil((baseline + 0.3 * size) * scale),
    })
  }
  return labels
}

/** Pixels darker than mid-grey inside a box of a greyscale picture. */
function darkIn(pixels: { data: Buffer; width: number }, box: Label): number {
  let dark = 0
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left; x < box.right; x++) if (pixels.data[y * pixels.width + x]! < 128) dark++
  }
  return dark
}

async function grey(png: Uint8Array | string): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

describe('a flowchart with a label from every file of Noto Sans SC', () => {
  let folder: string
  beforeAll(async () => {
    folder = await createTempDir('glyphs')
  })
  afterAll(removeTempDirs)

  it('converts without a problem, and its picture has ink inside every label', async () => {
    const picked = oneCharacterPerFile
    const listed = Object.values(JSON.parse(await readFile(unicodeJson, 'utf8')) as Record<string, string>)
    expect(listed).toHaveLength(101)
    expect(picked.filter((character, index) => !listedIn(listed[index]!, character))).toEqual([])
    // Ten columns of chains, so the picture stays under the 1920 px a picture is reduced to.
    const nodes = picked.map((character, index) => `  n${index}["${character}"]`)
    const edges = picked.flatMap((_, index) => (index + 10 < picked.length ? [`  n${index} --> n${index + 10}`] : []))
    const markdown = `# 每个字库文件\n\n\`\`\`mermaid\nflowchart TD\n${[...nodes, ...edges].join('\n')}\n\`\`\`\n`
    await writeFile(path.join(folder, 'glyphs.md'), markdown)

    const report = await convert([folder], { cwd: folder, out: path.join(folder, 'out'), threads: 0 })
    const [article] = report.articles
    expect(article!.status).toBe('ok')
    expect(article!.messages).toEqual([])
    const html = await readFile(path.join(folder, 'out', 'glyphs.html'), 'utf8')
    expect(html).not.toContain('data:')
    const [asset] = await readdir(path.join(folder, 'out', 'assets'))
    expect(html).toContain(`assets/${asset}`)
    const picture = await grey(path.join(folder, 'out', 'assets', asset!))

    // The same diagram's SVG, as the render step made it, and its picture without any text.
    const rendered = await renderMarkdown(markdown)
    const svg = Buffer.from(/src="data:image\/svg\+xml;base64,([^"]+)"/.exec(rendered.html)![1]!, 'base64').toString('utf8')
    const withoutText = await normalizeImage(Buffer.from(svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, '')), { filename: 'no-text.svg' })
    const blank = await grey(withoutText.data)
    expect([blank.width, blank.height]).toEqual([picture.width, picture.height])

    const labels = labelBoxes(svg, picture.width)
    expect(labels.map((label) => label.text).sort()).toEqual([...picked].sort())
    const inkless = labels.filter((label) => darkIn(picture, label) < 3 || darkIn(picture, label) <= darkIn(blank, label))
    expect(inkless.map((label) => `${label.text} U+${label.text.codePointAt(0)!.toString(16)}`)).toEqual([])
  })
})
