import { sniffImage } from '@mdwx/images'
import { describe, expect, it } from 'vitest'
import { blocks, gifFile } from './helpers/pictures.js'
import { writeBmp, writeIco } from './helpers/bmp-writer.js'

function ftyp(major: string, ...compatible: string[]): Buffer {
  const brands = [major, '\0\0\0\0', ...compatible].join('')
  const box = Buffer.alloc(8 + brands.length)
  box.writeUInt32BE(box.length, 0)
  box.write('ftyp', 4, 'latin1')
  box.write(brands, 8, 'latin1')
  return Buffer.concat([box, Buffer.alloc(16)])
}

describe('sniffImage decides from the bytes', () => {
  it.each([
    ['jpeg', () => blocks(16, 16).jpeg().toBuffer()],
    ['png', () => blocks(16, 16).png().toBuffer()],
    ['gif', () => blocks(16, 16).gif().toBuffer()],
    ['webp', () => blocks(16, 16).webp().toBuffer()],
    ['avif', () => blocks(16, 16).avif().toBuffer()],
    ['tiff', () => blocks(16, 16).tiff().toBuffer()],
  ] as const)('recognises %s written by sharp', async (format, make) => {
    expect(sniffImage(await make())).toEqual({ kind: 'image', format })
  })

  it('tells AVIF from HEIC by the ftyp brands', () => {
    expect(sniffImage(ftyp('avif', 'mif1', 'miaf'))).toEqual({ kind: 'image', format: 'avif' })
    expect(sniffImage(ftyp('mif1', 'avif'))).toEqual({ kind: 'image', format: 'avif' })
    expect(sniffImage(ftyp('heic', 'mif1'))).toEqual({ kind: 'image', format: 'heic' })
    expect(sniffImage(ftyp('mif1', 'heic'))).toEqual({ kind: 'image', format: 'heic' })
    expect(sniffImage(ftyp('isom', 'mp41'))).toEqual({ kind: 'other', what: 'unknown' })
  })

  it('recognises SVG after a BOM, an XML prolog, comments and a doctype', () => {
    const svg = '\uFEFF<?xml version="1.0"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg xmlns="http://www.w3.org/2000/svg"/>'
    expect(sniffImage(Buffer.from(svg))).toEqual({ kind: 'image', format: 'svg' })
    expect(sniffImage(Buffer.from('<svg width="1" height="1"></svg>'))).toEqual({ kind: 'image', format: 'svg' })
  })

  it('recognises BMP and ICO', () => {
    const pixels = { data: new Uint8Array(4 * 4 * 4).fill(255), width: 4, height: 4 }
    const bmp = writeBmp(pixels, { bpp: 24 })
    expect(sniffImage(bmp)).toEqual({ kind: 'image', format: 'bmp' })
    expect(sniffImage(writeIco([{ width: 4, height: 4, bpp: 24, data: bmp.subarray(14) }]))).toEqual({ kind: 'image', format: 'ico' })
    expect(sniffImage(gifFile(2, 2, 1))).toEqual({ kind: 'image', format: 'gif' })
  })

  it('names what is not an image', () => {
    expect(sniffImage(new Uint8Array())).toEqual({ kind: 'other', what: 'empty' })
    expect(sniffImage(Buffer.from('just some notes\nsecond line'))).toEqual({ kind: 'other', what: 'text' })
    expect(sniffImage(Buffer.from('<!DOCTYPE html><html><body>Login</body></html>'))).toEqual({ kind: 'other', what: 'html' })
    expect(sniffImage(Buffer.from('%PDF-1.7\n...'))).toEqual({ kind: 'other', what: 'pdf' })
    expect(sniffImage(Buffer.from('8BPS\0\x01'))).toEqual({ kind: 'other', what: 'psd' })
    expect(sniffImage(Buffer.from([0xff, 0x0a, 0x00]))).toEqual({ kind: 'other', what: 'jxl' })
    expect(sniffImage(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04]))).toEqual({ kind: 'other', what: 'unknown' })
  })
})
