import { normalizeImage } from '@mdwx/images'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

/** Dark pixels of a PNG, and its raw greyscale bytes to compare two pictures. */
async function ink(png: Uint8Array): Promise<{ dark: number; pixels: Buffer }> {
  const { data } = await sharp(png).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true })
  let dark = 0
  for (const value of data) if (value < 128) dark++
  return { dark, pixels: data }
}

function svgText(text: string, extra = ''): Uint8Array {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="60" y="30" font-size="28" text-anchor="middle"${extra}>${text}</text></svg>`)
}

describe('SVG pictures (diagrams, formulas as pictures)', () => {
  it('draw Chinese text with glyphs from Noto Sans SC, not boxes, on a machine without CJK fonts', async () => {
    const first = await ink((await normalizeImage(svgText('中文'), { filename: 'a.svg' })).data)
    const second = await ink((await normalizeImage(svgText('图表'), { filename: 'b.svg' })).data)
    const same = await ink((await normalizeImage(svgText('中文'), { filename: 'c.svg' })).data)
    expect(first.dark).toBeGreaterThan(300)
    // Different characters, different shapes; the same characters, the same pixels.
    expect(first.pixels.equals(second.pixels)).toBe(false)
    expect(first.pixels.equals(same.pixels)).toBe(true)
  })

  it('keep the colour of text and of its tspan runs, bold from font-weight', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="30" font-size="28" font-weight="700" fill="#ff0000">红<tspan fill="#0000ff">蓝</tspan></text></svg>')
    const { data, info } = await sharp((await normalizeImage(svg, { filename: 'c.svg' })).data).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true })
    let red = 0
    let blue = 0
    for (let index = 0; index < data.length; index += info.channels) {
      if (data[index]! > 200 && data[index + 2]! < 60) red++
      if (data[index + 2]! > 200 && data[index]! < 60) blue++
    }
    expect(red).toBeGreaterThan(100)
    expect(blue).toBeGreaterThan(100)
  })

  it('lay the text out by text-anchor: middle is centred on x', async () => {
    const centred = await sharp((await normalizeImage(svgText('中'), { filename: 'd.svg' })).data).flatten({ background: '#fff' }).greyscale().raw().toBuffer({ resolveWithObject: true })
    const { data, info } = centred
    let left = 0
    let right = 0
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) if (data[y * info.width + x]! < 128) (x < info.width / 2 ? left++ : right++)
    }
    expect(Math.abs(left - right)).toBeLessThan((left + right) * 0.2)
  })
})
