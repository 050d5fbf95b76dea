import { openBrowser, screenshotArticle, type MdwxBrowser } from '@mdwx/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharp } from '../../../test/support/sharp.js'

/** Mean brightness (0 black to 255 white) and the spread of the grey values of a PNG, or of a band of its rows. */
async function tone(png: Uint8Array, rows?: { top: number; height: number }): Promise<{ mean: number; spread: number }> {
  // stats() reads the input, not the pipeline: a band is cut out into an image of its own first.
  const band = rows ? await sharp(png).extract({ left: 0, top: rows.top, width: 780, height: rows.height }).png().toBuffer() : png
  const { channels } = await sharp(band).greyscale().stats()
  return { mean: channels[0]!.mean, spread: channels[0]!.stdev }
}

/** How many pixels of the PNG are exactly `rgb`. */
async function pixelsOf(png: Uint8Array, rgb: [number, number, number]): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  let count = 0
  for (let offset = 0; offset < data.length; offset += info.channels) if (data[offset] === rgb[0] && data[offset + 1] === rgb[1] && data[offset + 2] === rgb[2]) count++
  return count
}

/** A block of an article as the render step writes it: inline styles only. */
const html = [
  '<section style="color:#333;line-height:1.75">',
  '<h2 style="color:#0e7a5c;font-weight:bold">分布式系统的高并发</h2>',
  '<p>消息队列解耦、异步、削峰：<strong>作为主键性能太差</strong>。</p>',
  '<p style="background-color:#fff5d1;color:#000">一段浅色背景的提示。</p>',
  '<img src="/assets/photo.png" alt="">',
  '</section>',
].join('')

describe('screenshotArticle', () => {
  let browser: MdwxBrowser
  let files: Map<string, { data: Uint8Array; contentType: string }>

  beforeAll(async () => {
    browser = await openBrowser()
    const photo = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#3a7bd5' } }).png().toBuffer()
    files = new Map([['/assets/photo.png', { data: photo, contentType: 'image/png' }]])
  })
  afterAll(() => browser?.close())

  it('is a PNG of a 390-px phone at device scale 2 (780 px wide), light, and not blank', async () => {
    const png = await screenshotArticle({ html, title: '标题：高并发', author: '作者', files }, { browser })
    const { format, width, height } = await sharp(png).metadata()
    expect(format).toBe('png')
    expect(width).toBe(780)
    expect(height).toBeGreaterThanOrEqual(2 * 844) // at least a phone's screen
    const { mean, spread } = await tone(png)
    expect(mean).toBeGreaterThan(180) // a light page
    expect(spread).toBeGreaterThan(10) // with something on it
  })

  it('is the whole article, however long, down to its last line', async () => {
    const long = `<section>${Array.from({ length: 60 }, (_, index) => `<p>第 ${index + 1} 段：消息队列解耦、异步、削峰。</p>`).join('')}<p style="color:#000;font-size:40px">最后一段</p></section>`
    const png = await screenshotArticle({ html: long, title: '长文' }, { browser })
    const { height = 0 } = await sharp(png).metadata()
    expect(height).toBeGreaterThan(2 * 60 * 40) // sixty paragraphs of at least 40 CSS px
    // The last line is drawn near the bottom: that band is not blank.
    expect((await tone(png, { top: height - 300, height: 300 })).spread).toBeGreaterThan(10)
  })

  it('shows the picture it is given, at the column width (358 CSS px: 716 × 358 device px)', async () => {
    const png = await screenshotArticle({ html, title: 't', files }, { browser })
    const blue = await pixelsOf(png, [0x3a, 0x7b, 0xd5])
    expect(blue).toBeGreaterThan(716 * 358 * 0.97)
    expect(blue).toBeLessThan(716 * 358 * 1.03)
  })

  it('--dark: the app\'s #191919 page, with the inline colours turned for it, pictures as they are', async () => {
    const light = await screenshotArticle({ html, title: '标题', author: '作者', files }, { browser })
    const dark = await screenshotArticle({ html, title: '标题', author: '作者', files }, { browser, dark: true })
    const [lightTone, darkTone] = await Promise.all([tone(light), tone(dark)])
    expect(darkTone.mean).toBeLessThan(90)
    expect(darkTone.spread).toBeGreaterThan(10)
    expect(lightTone.mean - darkTone.mean).toBeGreaterThan(100)
    // Most of the page is the page itself, exactly #191919; the picture keeps its colours.
    expect(await pixelsOf(dark, [0x19, 0x19, 0x19])).toBeGreaterThan(780 * 1688 * 0.5)
    expect(await pixelsOf(dark, [0x3a, 0x7b, 0xd5])).toBe(await pixelsOf(light, [0x3a, 0x7b, 0xd5]))
    // The light-yellow note is a dark band now (its black text is lightened with it: see the README).
    expect(await pixelsOf(dark, [0xff, 0xf5, 0xd1])).toBe(0)
    expect(await pixelsOf(light, [0xff, 0xf5, 0xd1])).toBeGreaterThan(1000)
  })

  it('one picture after another in the same browser: each the same, 780 px wide', async () => {
    const shots = []
    for (let index = 0; index < 3; index++) shots.push(await screenshotArticle({ html, title: '同一篇', files }, { browser }))
    const sizes = await Promise.all(shots.map(async (png) => (await sharp(png).metadata()).width))
    expect(sizes).toEqual([780, 780, 780])
    const [first, ...others] = await Promise.all(shots.map((png) => sharp(png).raw().toBuffer()))
    for (const other of others) expect(other.equals(first!)).toBe(true)
  })

  it('opens and closes a browser of its own when given none', async () => {
    const png = await screenshotArticle({ html: '<p>你好</p>', title: '一篇' })
    expect((await sharp(png).metadata()).width).toBe(780)
  })
})
