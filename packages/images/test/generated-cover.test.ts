import { attentionCrops, centreSquareCrop, formatCrop, generateCover, GENERATED_COVER_HEIGHT, GENERATED_COVER_WIDTH, isCrop, parseColour } from '@mdwx/images'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

/**
 * Where the text is: per column and per row, how many pixels are near white. The background is
 * a colour deep enough for white text, so only the text is near white.
 */
async function inkOf(png: Uint8Array): Promise<{ columns: number[]; rows: number[]; width: number; height: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const columns = new Array<number>(info.width).fill(0)
  const rows = new Array<number>(info.height).fill(0)
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const at = (y * info.width + x) * info.channels
      if (data[at]! > 200 && data[at + 1]! > 200 && data[at + 2]! > 200) {
        columns[x]!++
        rows[y]!++
      }
    }
  }
  return { columns, rows, width: info.width, height: info.height }
}

/** The first and last index with ink. */
function extent(counts: number[]): [number, number] {
  return [counts.findIndex((count) => count > 0), counts.findLastIndex((count) => count > 0)]
}

const squareLeft = (GENERATED_COVER_WIDTH - GENERATED_COVER_HEIGHT) / 2
const squareRight = squareLeft + GENERATED_COVER_HEIGHT

describe('generateCover', () => {
  it('draws a short Chinese title as a 900×383 PNG, all of its ink inside the centre square', async () => {
    const cover = await generateCover({ title: '你好，世界' })
    const meta = await sharp(cover.data).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 900, 383])
    const ink = await inkOf(cover.data)
    const [left, right] = extent(ink.columns)
    expect(left).toBeGreaterThan(squareLeft)
    expect(right).toBeLessThan(squareRight)
    // Big, not a speck: a short title fills a good part of the square's width.
    expect(right - left).toBeGreaterThan(200)
    expect(cover.crops).toEqual({ picCrop235_1: '0_0_1_1', picCrop1_1: '0.287222_0_0.712778_1' })
    expect(cover.missingGlyphs).toEqual([])
  })

  it('wraps a long title with its author on several lines, shrinking it, and never leaves the square (margins kept)', async () => {
    const title = '从零开始搭建一个把 Markdown 发布到微信公众号的命令行工具：踩坑全记录与最佳实践'
    const cover = await generateCover({ title, author: '张三丰' })
    const ink = await inkOf(cover.data)
    const [left, right] = extent(ink.columns)
    const [top, bottom] = extent(ink.rows)
    expect(left).toBeGreaterThanOrEqual(squareLeft + 20)
    expect(right).toBeLessThanOrEqual(squareRight - 20)
    expect(top).toBeGreaterThanOrEqual(20)
    expect(bottom).toBeLessThanOrEqual(GENERATED_COVER_HEIGHT - 20)
    // Several lines: ink rows separated by gaps more than three times.
    let bands = 0
    ink.rows.forEach((count, index) => {
      if (count > 0 && (ink.rows[index - 1] ?? 0) === 0) bands++
    })
    expect(bands).toBeGreaterThanOrEqual(4)
  })

  it('keeps an absurdly long title inside the square, cut with an ellipsis', async () => {
    const title = '长'.repeat(300)
    const ink = await inkOf((await generateCover({ title, author: 'An author with a rather long name' })).data)
    const [left, right] = extent(ink.columns)
    const [top, bottom] = extent(ink.rows)
    expect(left).toBeGreaterThan(squareLeft)
    expect(right).toBeLessThan(squareRight)
    expect(top).toBeGreaterThan(0)
    expect(bottom).toBeLessThan(GENERATED_COVER_HEIGHT - 1)
  })

  it('breaks a Latin title between words, and a word longer than a line inside it', async () => {
    const words = await inkOf((await generateCover({ title: 'Publishing Markdown to WeChat: a 2026 field guide' })).data)
    const url = await inkOf((await generateCover({ title: 'https://example.com/a/very/long/path/without/any/spaces/at/all/in/it' })).data)
    for (const ink of [words, url]) {
      const [left, right] = extent(ink.columns)
      expect(left).toBeGreaterThan(squareLeft)
      expect(right).toBeLessThan(squareRight)
    }
  })

  it('is the same bytes for the same options, and different for another title', async () => {
    const a = await generateCover({ title: '同一个标题', author: '作者' })
    const b = await generateCover({ title: '同一个标题', author: '作者' })
    const c = await generateCover({ title: '另一个标题', author: '作者' })
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true)
    expect(Buffer.from(a.data).equals(Buffer.from(c.data))).toBe(false)
  })

  it('leaves out characters the font has no glyph for (emoji), and says which', async () => {
    const cover = await generateCover({ title: '发布啦 🎉' })
    expect(cover.missingGlyphs).toEqual(['🎉'])
  })

  it('draws on the theme colour: white text on a deep one, a dark shade of it on a light one; JPEG on request', async () => {
    const pixel = async (data: Uint8Array) => {
      const { data: raw } = await sharp(data).extract({ left: 450, top: 5, width: 1, height: 1 }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
      return { r: raw[0]!, g: raw[1]!, b: raw[2]! }
    }
    const blue = await pixel((await generateCover({ title: 'x', colour: '#2563eb' })).data)
    expect(blue.b).toBeGreaterThan(blue.r + 60)
    // Yellow stays a bright yellow; its text is dark, all of it inside the centre square.
    const yellow = await generateCover({ title: '明亮的主题色', colour: 'rgb(255, 235, 59)', format: 'jpeg' })
    expect((await sharp(yellow.data).metadata()).format).toBe('jpeg')
    const background = await pixel(yellow.data)
    expect(background.r).toBeGreaterThan(background.b + 100)
    expect(0.2126 * background.r + 0.7152 * background.g + 0.0722 * background.b).toBeGreaterThan(180)
    const { data, info } = await sharp(yellow.data).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    let inside = 0
    let outside = 0
    for (let at = 0; at < data.length; at += info.channels) {
      if (data[at]! + data[at + 1]! + data[at + 2]! > 200) continue
      const x = (at / info.channels) % info.width
      if (x > squareLeft && x < squareRight) inside++
      else outside++
    }
    expect(inside).toBeGreaterThan(1000)
    expect(outside).toBe(0)
  })

  it('refuses options that are not what it draws', async () => {
    await expect(generateCover({ title: 'x', colour: 'teal-ish' })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION' })
    await expect(generateCover({ title: 42 as unknown as string })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION' })
    await expect(generateCover({ title: 'x', format: 'gif' as 'png' })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION' })
  })
})

describe('cover crops', () => {
  const decimals = (crop: string) => Math.max(...crop.split('_').map((part) => part.split('.')[1]?.length ?? 0))

  it('attentionCrops takes the salient part of a picture for each shape', async () => {
    // A grey picture with a red, detailed block near its left edge.
    const block = await sharp({ create: { width: 160, height: 160, channels: 3, background: '#e02020' } }).png().toBuffer()
    const picture = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#9a9a9a' } }).composite([{ input: block, left: 40, top: 600 }]).png().toBuffer()
    const crops = await attentionCrops(picture)
    for (const crop of Object.values(crops)) {
      expect(isCrop(crop)).toBe(true)
      expect(decimals(crop)).toBeLessThanOrEqual(6)
    }
    const [x1, , x2] = crops.picCrop1_1.split('_').map(Number) as [number, number, number, number]
    expect(x1).toBe(0)
    expect(x2).toBeCloseTo(800 / 1200, 2)
    // 2.35:1 of a 3:2 picture: the whole width, the lower part (where the block is).
    const [wx1, wy1, wx2, wy2] = crops.picCrop235_1.split('_').map(Number) as [number, number, number, number]
    expect([wx1, wx2]).toEqual([0, 1])
    expect(wy2).toBe(1)
    expect(wy2 - wy1).toBeCloseTo(1200 / 2.35 / 800, 2)
  })

  it('a picture already 2.35:1 is taken whole for the feed', async () => {
    const picture = await sharp({ create: { width: 940, height: 400, channels: 3, background: '#336699' } }).png().toBuffer()
    expect((await attentionCrops(picture)).picCrop235_1).toBe('0_0_1_1')
  })

  it('formatCrop writes fractions with at most six decimals; isCrop checks the shape Weixin accepts', () => {
    expect(formatCrop({ left: 1, top: 0, width: 1, height: 3 }, 3, 3)).toBe('0.333333_0_0.666667_1')
    expect(centreSquareCrop(900, 383)).toBe('0.287222_0_0.712778_1')
    expect(isCrop('0_0_1_1')).toBe(true)
    expect(isCrop('0.1_0.2_0.9_0.8')).toBe(true)
    expect(isCrop('0.5_0_0.5_1')).toBe(false) // empty
    expect(isCrop('0_0_1.5_1')).toBe(false)
    expect(isCrop('0.1234567_0_1_1')).toBe(false)
    expect(isCrop('0_0_1')).toBe(false)
    expect(isCrop('1e-7_0_1_1')).toBe(false)
  })

  it('parseColour reads the colours themes write', () => {
    expect(parseColour('#0f7b6c')).toEqual({ r: 15, g: 123, b: 108 })
    expect(parseColour('#f80')).toEqual({ r: 255, g: 136, b: 0 })
    expect(parseColour('rgb(15 123 108 / 50%)')).toEqual({ r: 15, g: 123, b: 108 })
    expect(parseColour('var(--x)')).toBeUndefined()
  })
})
