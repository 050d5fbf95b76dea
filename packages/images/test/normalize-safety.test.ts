import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { normalizeImage } from '@mdwx/images'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { gifFile, photo, pngFile } from './helpers/pictures.js'

const refusal = (code: string, name: string) => ({ code, source: name, message: expect.stringContaining(name), hint: expect.any(String) })

describe('decompression bombs are refused from the header, before decoding', () => {
  it('a 20,000 × 20,000 PNG of 400 megapixels packed into a few kilobytes', async () => {
    const rows = Buffer.alloc((1 + 20_000 / 8) * 20_000) // 1-bit grey, every row filter 0 and black
    const bomb = pngFile(20_000, 20_000, 0, 1, rows)
    expect(bomb.length).toBeLessThan(100_000)
    await expect(normalizeImage(bomb, { filename: 'bomb.png' })).rejects.toMatchObject(refusal('MDWX_IMAGE_TOO_LARGE', 'bomb.png'))
  })

  it('a GIF whose screen and frame are 65,535 × 65,535', async () => {
    await expect(normalizeImage(gifFile(65_535, 65_535, 1, [], 65_535), { filename: 'bomb.gif' })).rejects.toMatchObject(refusal('MDWX_IMAGE_TOO_LARGE', 'bomb.gif'))
  })

  it('a JPEG whose frame header claims 60,000 × 60,000', async () => {
    const jpeg = await photo(64, 64).jpeg().toBuffer()
    const sof = jpeg.findIndex((byte, index) => byte === 0xff && jpeg[index + 1] === 0xc0)
    jpeg.writeUInt16BE(60_000, sof + 5)
    jpeg.writeUInt16BE(60_000, sof + 7)
    await expect(normalizeImage(jpeg, { filename: 'bomb.jpg' })).rejects.toMatchObject(refusal('MDWX_IMAGE_TOO_LARGE', 'bomb.jpg'))
  })

  it('an SVG that asks for 100,000 × 100,000 pixels', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="10" height="10"/></svg>')
    await expect(normalizeImage(svg, { filename: 'bomb.svg' })).rejects.toMatchObject(refusal('MDWX_IMAGE_TOO_LARGE', 'bomb.svg'))
  })
})

describe('truncated and corrupt files are refused, not half decoded', () => {
  it.each([
    ['jpg', () => photo(800, 600).jpeg({ quality: 90 }).toBuffer()],
    ['png', () => photo(800, 600).png().toBuffer()],
    ['gif', () => photo(200, 150).gif().toBuffer()],
    ['webp', () => photo(800, 600).webp().toBuffer()],
    ['tiff', () => photo(400, 300).tiff({ compression: 'lzw' }).toBuffer()],
  ] as const)('a truncated .%s', async (extension, make) => {
    const whole = await make()
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6))
    const name = `cut.${extension}`
    await expect(normalizeImage(cut, { filename: name })).rejects.toMatchObject(refusal('MDWX_IMAGE_DECODE', name))
  })

  it('a JPEG whose scan data stops early but still ends with an end marker (it would otherwise pass through)', async () => {
    const whole = await photo(800, 600).jpeg({ quality: 80 }).toBuffer()
    const broken = Buffer.concat([whole.subarray(0, Math.floor(whole.length * 0.6)), Buffer.from([0xff, 0xd9])])
    await expect(normalizeImage(broken, { filename: 'broken.jpg' })).rejects.toMatchObject(refusal('MDWX_IMAGE_DECODE', 'broken.jpg'))
  })

  it('a PNG with a damaged data chunk', async () => {
    const png = await photo(400, 300).png().toBuffer()
    const idat = png.indexOf('IDAT', 0, 'latin1')
    for (let i = idat + 200; i < idat + 264; i++) png[i] = png[i]! ^ 0x5a
    await expect(normalizeImage(png, { filename: 'damaged.png' })).rejects.toMatchObject(refusal('MDWX_IMAGE_DECODE', 'damaged.png'))
  })
})

describe('SVG cannot reach outside its own bytes', () => {
  it('an <image> pointing at a local file or a URL renders nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mdwx-svg-'))
    const secretPng = join(folder, 'secret.png')
    writeFileSync(secretPng, await sharp({ create: { width: 40, height: 40, channels: 3, background: '#ff0000' } }).png().toBuffer())
    for (const href of [secretPng, `file://${secretPng}`, 'http://127.0.0.1:9/x.png']) {
      const svg = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">` +
          `<image href="${href}" xlink:href="${href}" width="40" height="40"/></svg>`,
      )
      const out = await normalizeImage(svg, { filename: 'sneaky.svg' })
      const pixels = await sharp(out.data).ensureAlpha().raw().toBuffer()
      expect(pixels.every((value, index) => index % 4 !== 3 || value === 0)).toBe(true) // all transparent
    }
    rmSync(folder, { recursive: true, force: true })
  })
})

describe('what is not an image is named for what it is', () => {
  it('a text file named .png', async () => {
    const error = await normalizeImage(Buffer.from('# Notes\n\nNot a picture at all.\n'), { filename: 'posts/cover.png' }).catch((caught: unknown) => caught)
    expect(error).toMatchObject(refusal('MDWX_IMAGE_UNSUPPORTED', 'posts/cover.png'))
    expect((error as Error).message).toBe('posts/cover.png: holds text, not an image (whatever its name or Content-Type says)')
  })

  it('an HTML page (a login or error page behind an image URL)', async () => {
    const html = Buffer.from('<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>')
    await expect(normalizeImage(html, { filename: 'https://example.com/a.png' })).rejects.toMatchObject({
      code: 'MDWX_IMAGE_UNSUPPORTED',
      message: 'https://example.com/a.png: is an HTML page, not an image',
      hint: expect.stringMatching(/direct address/),
    })
  })

  it('an empty file and unknown bytes', async () => {
    await expect(normalizeImage(new Uint8Array(), { filename: 'empty.jpg' })).rejects.toMatchObject(refusal('MDWX_IMAGE_UNSUPPORTED', 'empty.jpg'))
    await expect(normalizeImage(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]), { filename: 'x.bin' })).rejects.toMatchObject(refusal('MDWX_IMAGE_UNSUPPORTED', 'x.bin'))
  })
})
