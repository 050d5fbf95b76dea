import { crc32, deflateSync } from 'node:zlib'
import sharp, { type Sharp } from 'sharp'

/** Test pictures generated on the fly: nothing binary is committed. */

/** A photo-like RGB image: smooth gradients plus deterministic noise (JPEG-friendly, PNG-hostile). */
export function photoRaw(width: number, height: number, seed = 1, noise = 40): Buffer {
  let state = seed
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 4294967296
  }
  const data = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      const n = (random() - 0.5) * noise
      data[i] = clamp((x / width) * 200 + 30 + n)
      data[i + 1] = clamp((y / height) * 180 + 40 + n)
      data[i + 2] = clamp(160 - (x / width) * 100 + n)
    }
  }
  return data
}

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value)
}

export function photo(width: number, height: number, seed = 1, noise = 40): Sharp {
  return sharp(photoRaw(width, height, seed, noise), { raw: { width, height, channels: 3 } })
}

/** Flat blocks of colour (a graphic): lossless formats keep it exactly. */
export function blocksRaw(width: number, height: number, channels: 3 | 4, block = 8): Buffer {
  const data = Buffer.alloc(width * height * channels)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels
      const cell = Math.floor(x / block) + Math.floor(y / block) * 7
      data[i] = (cell * 53) & 255
      data[i + 1] = (cell * 97) & 255
      data[i + 2] = (cell * 151) & 255
      if (channels === 4) data[i + 3] = cell % 3 === 0 ? 0 : cell % 3 === 1 ? 128 : 255
    }
  }
  return data
}

export function blocks(width: number, height: number, channels: 3 | 4 = 3): Sharp {
  return sharp(blocksRaw(width, height, channels), { raw: { width, height, channels } })
}

/** RGBA pixels of any encoded image, for exact comparisons. */
export async function rgbaOf(data: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const { data: pixels, info } = await sharp(data).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { data: pixels, width: info.width, height: info.height }
}

/** One PNG chunk: length, type, body, CRC. */
export function pngChunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** Inserts a chunk right after IHDR. */
export function withPngChunk(png: Buffer, type: string, body: Buffer): Buffer {
  const afterHeader = 8 + 25
  return Buffer.concat([png.subarray(0, afterHeader), pngChunk(type, body), png.subarray(afterHeader)])
}

/** A PNG written by hand: a valid file whose header can claim any size (decompression bombs). */
export function pngFile(width: number, height: number, colourType: number, bitDepth: number, rawRows: Buffer): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = bitDepth
  header[9] = colourType
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rawRows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * A GIF written by hand: a logical screen of any size with `frames` frames of `frameSize`²
 * pixels, each holding the data of a single pixel. Tiny on disk, huge once decoded.
 */
export function gifFile(screenWidth: number, screenHeight: number, frames: number, extensions: Buffer[] = [], frameSize = 1): Buffer {
  const header = Buffer.from('GIF89a', 'latin1')
  const screen = Buffer.from([screenWidth & 255, screenWidth >> 8, screenHeight & 255, screenHeight >> 8, 0x80, 0, 0])
  const palette = Buffer.from([0, 0, 0, 255, 255, 255])
  const loop = Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0', 'latin1'), 0x03, 0x01, 0x00, 0x00, 0x00])
  const frame = Buffer.from([
    0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00, // graphic control: 100 ms
    0x2c, 0, 0, 0, 0, frameSize & 255, frameSize >> 8, frameSize & 255, frameSize >> 8, 0x00, // image descriptor at 0,0
    0x02, 0x02, 0x44, 0x01, 0x00, // LZW: one pixel of colour 0
  ])
  return Buffer.concat([header, screen, palette, loop, ...extensions, ...Array.from({ length: frames }, () => frame), Buffer.from([0x3b])])
}

/** A GIF comment extension and an XMP application extension, as editors write them. */
export function gifMetadataBlocks(): Buffer[] {
  const comment = Buffer.from('Shot at 39.9N 116.4E by Alice', 'latin1')
  const xmp = Buffer.from('<x:xmpmeta>secret</x:xmpmeta>', 'latin1')
  return [
    Buffer.concat([Buffer.from([0x21, 0xfe, comment.length]), comment, Buffer.from([0])]),
    Buffer.concat([Buffer.from([0x21, 0xff, 0x0b]), Buffer.from('XMP DataXMP', 'latin1'), Buffer.from([xmp.length]), xmp, Buffer.from([0])]),
  ]
}

/** Inserts blocks right after a GIF's header, screen descriptor and global palette. */
export function withGifBlocks(gif: Buffer, blocks: Buffer[]): Buffer {
  const flags = gif[10]!
  const afterPalette = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0)
  return Buffer.concat([gif.subarray(0, afterPalette), ...blocks, gif.subarray(afterPalette)])
}

/** Inserts a JPEG segment (a COM comment, an APPn) right after SOI. */
export function withJpegSegment(jpeg: Buffer, marker: number, body: Buffer): Buffer {
  const segment = Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255]), body])
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)])
}
