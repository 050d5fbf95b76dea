import { crc32, deflateSync } from 'node:zlib'

const width = 300
const height = 150
let cached: Buffer | undefined

/**
 * What mmbiz.qpic.cn shows instead of an image when the page asking for it is not a Tencent page
 * (the real one reads "此图片来自微信公众平台 未经允许不可引用"): a grey, striped PNG.
 */
export function placeholderPng(): Buffer {
  cached ??= encodePng()
  return cached
}

function encodePng(): Buffer {
  const rowBytes = 1 + width * 3
  const pixels = Buffer.alloc(rowBytes * height)
  for (let y = 0; y < height; y++) {
    pixels[y * rowBytes] = 0 // filter: none
    for (let x = 0; x < width; x++) {
      const stripe = Math.floor((x + y) / 12) % 2 === 0
      const border = x < 2 || y < 2 || x >= width - 2 || y >= height - 2
      const shade = border ? 0xb0 : stripe ? 0xe6 : 0xf2
      pixels.fill(shade, y * rowBytes + 1 + x * 3, y * rowBytes + 4 + x * 3)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const framed = Buffer.alloc(8 + data.length + 4)
  framed.writeUInt32BE(data.length, 0)
  typeAndData.copy(framed, 4)
  framed.writeUInt32BE(crc32(typeAndData), 8 + data.length)
  return framed
}
