import { normalizeImage } from '@mdwx/images'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { writeBmp, writeIco, icoDib, type BmpVariant } from './helpers/bmp-writer.js'
import { blocks, blocksRaw, photo, rgbaOf } from './helpers/pictures.js'

/** Blocks of flat colour, so the output is PNG and comparisons can be exact. */
const graphic = { data: new Uint8Array(blocksRaw(48, 32, 4).map((value, index) => (index % 4 === 3 ? 255 : value))), width: 48, height: 32 }
/** The same with transparent and half-transparent blocks. */
const transparent = { data: new Uint8Array(blocksRaw(48, 32, 4)), width: 48, height: 32 }

describe('normalizeImage reads every supported format', () => {
  it.each([
    ['jpeg', 'jpeg', () => photo(640, 480).jpeg({ quality: 95 }).withMetadata().toBuffer()],
    ['png', 'png', () => blocks(640, 480).png().withMetadata().toBuffer()],
    ['webp (photo)', 'jpeg', () => photo(640, 480).webp({ quality: 90 }).toBuffer()],
    ['webp (graphic, lossless)', 'png', () => blocks(640, 480).webp({ lossless: true }).toBuffer()],
    ['avif', 'jpeg', () => photo(640, 480).avif({ quality: 70 }).toBuffer()],
    ['tiff', 'jpeg', () => photo(640, 480).tiff({ compression: 'lzw' }).toBuffer()],
    ['gif (one frame)', 'png', () => blocks(640, 480).gif().toBuffer()],
  ] as const)('%s becomes %s for uploadimg', async (_name, format, make) => {
    const input = await make()
    const out = await normalizeImage(input, { filename: 'picture' })
    expect(out).toMatchObject({ format, api: 'uploadimg', width: 640, height: 480, bytes: out.data.length })
    expect((await sharp(out.data).metadata()).format).toBe(format)
  })

  it('renders SVG at its own size, keeping transparency, as PNG', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><circle cx="150" cy="100" r="80" fill="#3b82f6"/></svg>')
    const out = await normalizeImage(svg, { filename: 'diagram.svg' })
    expect(out).toMatchObject({ format: 'png', width: 300, height: 200 })
    const metadata = await sharp(out.data).metadata()
    expect(metadata.hasAlpha).toBe(true)
    const corner = await sharp(out.data).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer()
    expect(corner[3]).toBe(0)
  })

  it('renders a wide SVG at maxWidth rather than enlarging or blurring it', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="1000"><rect width="4000" height="1000" fill="#fff"/><rect x="100" y="100" width="3800" height="800" fill="#e11d48"/></svg>')
    const out = await normalizeImage(svg, { filename: 'wide.svg' })
    expect(out).toMatchObject({ width: 1920, height: 480 })
  })

  it('refuses HEIC with how to convert it', async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)])
    const error = await normalizeImage(heic, { filename: 'IMG_0001.HEIC' }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'MDWX_IMAGE_UNSUPPORTED', source: 'IMG_0001.HEIC' })
    expect((error as Error).message).toContain('IMG_0001.HEIC')
    expect((error as { hint: string }).hint).toMatch(/sips -s format jpeg/)
    expect((error as { hint: string }).hint).toMatch(/heif-convert/)
  })
})

describe('BMP, which sharp cannot read, is decoded by mdwx', () => {
  const variants: Array<[string, BmpVariant]> = [
    ['24-bit bottom-up', { bpp: 24 }],
    ['24-bit top-down', { bpp: 24, topDown: true }],
    ['24-bit OS/2 core header', { bpp: 24, headerSize: 12 }],
    ['32-bit BI_RGB (4th byte unused)', { bpp: 32 }],
    ['32-bit BI_BITFIELDS, masks after the INFO header', { bpp: 32, compression: 'bitfields' }],
    ['16-bit 5-5-5', { bpp: 16 }],
    ['16-bit BI_BITFIELDS 5-6-5', { bpp: 16, compression: 'bitfields' }],
  ]
  it.each(variants)('%s', async (_name, variant) => {
    const bmp = writeBmp(graphic, variant)
    const out = await normalizeImage(bmp, { filename: 'scan.bmp' })
    expect(out).toMatchObject({ format: 'png', width: 48, height: 32 })
    const back = await rgbaOf(out.data)
    const tolerance = variant.bpp === 16 ? 8 : 0 // 5 or 6 bits per channel
    expect(maxDifference(back.data, graphic.data)).toBeLessThanOrEqual(tolerance)
  })

  it.each([1, 4, 8] as const)('%i-bit palette', async (bpp) => {
    const colours = 2 ** bpp
    const data = new Uint8Array(48 * 32 * 4)
    for (let i = 0; i < 48 * 32; i++) {
      const colour = Math.floor(i / 7) % colours
      data.set([(colour * 37) & 255, (colour * 91) & 255, (colour * 13) & 255, 255], i * 4)
    }
    const image = { data, width: 48, height: 32 }
    const out = await normalizeImage(writeBmp(image, { bpp }), { filename: 'icon.bmp' })
    expect(maxDifference((await rgbaOf(out.data)).data, data)).toBe(0)
  })

  it('32-bit with an alpha mask (V4 header) keeps transparency', async () => {
    const out = await normalizeImage(writeBmp(transparent, { bpp: 32, compression: 'bitfields', headerSize: 108 }), { filename: 'alpha.bmp' })
    expect(out.format).toBe('png')
    expect(maxDifference((await rgbaOf(out.data)).data, transparent.data)).toBe(0)
  })

  it('refuses RLE compression with a hint, and a truncated file', async () => {
    const rle = writeBmp(graphic, { bpp: 24, compression: 'rle8' })
    await expect(normalizeImage(rle, { filename: 'rle.bmp' })).rejects.toMatchObject({ code: 'MDWX_IMAGE_UNSUPPORTED', hint: expect.stringMatching(/PNG or JPEG/) })
    const cut = writeBmp(graphic, { bpp: 24 }).subarray(0, 300)
    await expect(normalizeImage(cut, { filename: 'cut.bmp' })).rejects.toMatchObject({ code: 'MDWX_IMAGE_DECODE', message: expect.stringContaining('cut.bmp') })
  })
})

describe('ICO takes the largest picture inside', () => {
  it('a PNG entry', async () => {
    const small = await blocks(16, 16).png().toBuffer()
    const large = await sharp(Buffer.from(transparent.data), { raw: { width: 48, height: 32, channels: 4 } }).png().toBuffer()
    const ico = writeIco([
      { width: 16, height: 16, bpp: 32, data: small },
      { width: 48, height: 32, bpp: 32, data: large },
    ])
    const out = await normalizeImage(ico, { filename: 'favicon.ico' })
    expect(out).toMatchObject({ format: 'png', width: 48, height: 32 })
    expect(maxDifference((await rgbaOf(out.data)).data, transparent.data)).toBe(0)
  })

  it('a 32-bit BMP entry with alpha, and a 24-bit one with an AND mask', async () => {
    const opaqueOrClear = { ...transparent, data: transparent.data.map((value, index) => (index % 4 === 3 ? (value < 128 ? 0 : 255) : value)) }
    for (const bpp of [32, 24] as const) {
      const ico = writeIco([
        { width: 16, height: 16, bpp, data: icoDib({ data: opaqueOrClear.data.slice(0, 16 * 16 * 4), width: 16, height: 16 }, bpp) },
        { width: 48, height: 32, bpp, data: icoDib(opaqueOrClear, bpp) },
      ])
      const out = await normalizeImage(ico, { filename: `icon-${bpp}.ico` })
      expect(out).toMatchObject({ format: 'png', width: 48, height: 32 })
      const back = (await rgbaOf(out.data)).data
      for (let i = 3; i < back.length; i += 4) expect(back[i]).toBe(opaqueOrClear.data[i])
    }
  })
})

function maxDifference(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length)
  let max = 0
  for (let i = 0; i < a.length; i++) {
    // Fully transparent pixels have no colour to compare.
    if (i % 4 !== 3 && a[i - (i % 4) + 3] === 0 && b[i - (i % 4) + 3] === 0) continue
    max = Math.max(max, Math.abs(a[i]! - b[i]!))
  }
  return max
}
