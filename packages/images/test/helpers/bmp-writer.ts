/**
 * Writes the BMP variants the decoder must read, from RGBA pixels, the way common tools lay
 * them out; the tests compare what comes back with the pixels that went in.
 */
export interface BmpVariant {
  bpp: 1 | 4 | 8 | 16 | 24 | 32
  /** 'rgb' = BI_RGB; 'bitfields' = BI_BITFIELDS with masks (565 for 16-bit, ARGB for 32-bit). */
  compression?: 'rgb' | 'bitfields' | 'rle8'
  topDown?: boolean
  /** 12 (OS/2 core), 40 (INFO) or 108 (V4, masks and alpha inside the header). */
  headerSize?: 12 | 40 | 108
}

export interface Rgba {
  data: Uint8Array
  width: number
  height: number
}

export function writeBmp(image: Rgba, variant: BmpVariant): Buffer {
  const { width, height } = image
  const { bpp, compression = 'rgb', topDown = false, headerSize = 40 } = variant
  const palette = bpp <= 8 ? paletteOf(image, 1 << bpp) : []
  const paletteEntry = headerSize === 12 ? 3 : 4
  const masks = compression === 'bitfields' && headerSize === 40 ? 12 : 0
  const stride = Math.floor((bpp * width + 31) / 32) * 4
  const pixelOffset = 14 + headerSize + masks + palette.length * paletteEntry
  const file = Buffer.alloc(pixelOffset + stride * height)
  file.write('BM', 0, 'latin1')
  file.writeUInt32LE(file.length, 2)
  file.writeUInt32LE(pixelOffset, 10)
  const dib = 14
  file.writeUInt32LE(headerSize, dib)
  if (headerSize === 12) {
    file.writeUInt16LE(width, dib + 4)
    file.writeInt16LE(topDown ? -height : height, dib + 6)
    file.writeUInt16LE(1, dib + 8)
    file.writeUInt16LE(bpp, dib + 10)
  } else {
    file.writeInt32LE(width, dib + 4)
    file.writeInt32LE(topDown ? -height : height, dib + 8)
    file.writeUInt16LE(1, dib + 12)
    file.writeUInt16LE(bpp, dib + 14)
    file.writeUInt32LE(compression === 'bitfields' ? 3 : compression === 'rle8' ? 1 : 0, dib + 16)
    file.writeUInt32LE(palette.length, dib + 32)
    if (compression === 'bitfields') {
      const [r, g, b, a] = bpp === 16 ? [0xf800, 0x07e0, 0x001f, 0] : [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000]
      file.writeUInt32LE(r, dib + 40)
      file.writeUInt32LE(g, dib + 44)
      file.writeUInt32LE(b, dib + 48)
      if (headerSize >= 108) file.writeUInt32LE(a >>> 0, dib + 52)
    }
  }
  const paletteStart = dib + headerSize + masks
  palette.forEach((colour, index) => {
    const at = paletteStart + index * paletteEntry
    file[at] = colour & 255
    file[at + 1] = (colour >> 8) & 255
    file[at + 2] = (colour >> 16) & 255
  })
  for (let y = 0; y < height; y++) {
    const row = pixelOffset + (topDown ? y : height - 1 - y) * stride
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const [r, g, b, a] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!]
      if (bpp <= 8) {
        const index = palette.indexOf((r << 16) | (g << 8) | b)
        const perByte = 8 / bpp
        const shift = 8 - bpp * ((x % perByte) + 1)
        file[row + Math.floor(x / perByte)]! |= index << shift
      } else if (bpp === 16) {
        const value = compression === 'bitfields' ? ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3) : ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)
        file.writeUInt16LE(value, row + x * 2)
      } else {
        const at = row + x * (bpp / 8)
        file[at] = b
        file[at + 1] = g
        file[at + 2] = r
        if (bpp === 32) file[at + 3] = a
      }
    }
  }
  return file
}

function paletteOf(image: Rgba, size: number): number[] {
  const colours: number[] = []
  for (let i = 0; i < image.data.length; i += 4) {
    const colour = (image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!
    if (!colours.includes(colour)) colours.push(colour)
  }
  if (colours.length > size) throw new Error(`the test image has ${colours.length} colours, more than ${size}`)
  return colours
}

/** An ICO file holding the given entries (PNG bytes, or a BMP whose DIB is embedded). */
export function writeIco(entries: Array<{ width: number; height: number; bpp: number; data: Buffer }>): Buffer {
  const directory = Buffer.alloc(6 + entries.length * 16)
  directory.writeUInt16LE(1, 2)
  directory.writeUInt16LE(entries.length, 4)
  let offset = directory.length
  entries.forEach((entry, index) => {
    const at = 6 + index * 16
    directory[at] = entry.width >= 256 ? 0 : entry.width
    directory[at + 1] = entry.height >= 256 ? 0 : entry.height
    directory.writeUInt16LE(1, at + 4)
    directory.writeUInt16LE(entry.bpp, at + 6)
    directory.writeUInt32LE(entry.data.length, at + 8)
    directory.writeUInt32LE(offset, at + 12)
    offset += entry.data.length
  })
  return Buffer.concat([directory, ...entries.map((entry) => entry.data)])
}

/**
 * The DIB of a 32-bit ICO entry (alpha in the pixels) or a 24-bit one (transparency in the AND
 * mask): a BMP without its file header, height doubled, the mask after the pixels.
 */
export function icoDib(image: Rgba, bpp: 24 | 32): Buffer {
  const bmp = writeBmp(image, { bpp })
  const dib = Buffer.from(bmp.subarray(14))
  dib.writeInt32LE(image.height * 2, 8)
  const maskStride = Math.floor((image.width + 31) / 32) * 4
  const mask = Buffer.alloc(maskStride * image.height)
  for (let y = 0; y < image.height; y++) {
    const row = (image.height - 1 - y) * maskStride
    for (let x = 0; x < image.width; x++) {
      if (image.data[(y * image.width + x) * 4 + 3]! < 128) mask[row + (x >> 3)]! |= 0x80 >> (x & 7)
    }
  }
  return Buffer.concat([dib, mask])
}
