import { sharp } from './sharp.js'

/**
 * Small real pictures of every kind a Markdown folder may hold, made with sharp (nothing binary
 * is committed). Each has its own colours so that two kinds never share a content hash.
 */

type Rgb = { r: number; g: number; b: number }

/** Diagonal bands of two colours: visible in a screenshot, cheap to encode. */
function bands(width: number, height: number, from: Rgb, to: Rgb, channels: 3 | 4 = 3): Buffer {
  const data = Buffer.alloc(width * height * channels)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = Math.floor((x + y) / 12) % 2 === 0 ? from : to
      const i = (y * width + x) * channels
      data[i] = colour.r
      data[i + 1] = colour.g
      data[i + 2] = colour.b
      if (channels === 4) data[i + 3] = 255
    }
  }
  return data
}

function raw(width: number, height: number, from: Rgb, to: Rgb) {
  return sharp(bands(width, height, from, to), { raw: { width, height, channels: 3 } })
}

export function png(width = 96, height = 64, from: Rgb = { r: 220, g: 60, b: 60 }, to: Rgb = { r: 250, g: 230, b: 120 }): Promise<Buffer> {
  return raw(width, height, from, to).png().toBuffer()
}

export function jpeg(width = 96, height = 64, from: Rgb = { r: 40, g: 90, b: 200 }, to: Rgb = { r: 200, g: 220, b: 250 }): Promise<Buffer> {
  return raw(width, height, from, to).jpeg({ quality: 80 }).toBuffer()
}

/** Marker strings written into the EXIF of `exifJpeg`: none may reach an upload. */
export const exifMarkers = { make: 'MdwxTestCam', gpsLatitude: '39/1 54/1 27/1' } as const

/**
 * A camera JPEG: stored 96×48 with EXIF orientation 6 (shown rotated, 48×96), a camera make,
 * and a GPS position.
 */
export function exifJpeg(): Promise<Buffer> {
  return raw(96, 48, { r: 30, g: 140, b: 70 }, { r: 240, g: 240, b: 240 })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: exifMarkers.make },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: exifMarkers.gpsLatitude, GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 50/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

/** A print-shop JPEG in CMYK. */
export function cmykJpeg(): Promise<Buffer> {
  return raw(80, 60, { r: 200, g: 40, b: 160 }, { r: 30, g: 200, b: 200 }).toColourspace('cmyk').jpeg({ quality: 85 }).toBuffer()
}

/** Three frames of 48×32: animated, so it must go through add_material to keep moving. */
export async function animatedGif(): Promise<Buffer> {
  const colours: Rgb[] = [
    { r: 255, g: 0, b: 0 },
    { r: 0, g: 160, b: 0 },
    { r: 0, g: 0, b: 255 },
  ]
  const frames = await Promise.all(colours.map((colour) => raw(48, 32, colour, { r: 255, g: 255, b: 255 }).png().toBuffer()))
  return sharp(frames, { join: { animated: true } }).gif({ delay: 200, loop: 0 }).toBuffer()
}

export function webp(): Promise<Buffer> {
  return raw(72, 48, { r: 120, g: 60, b: 200 }, { r: 250, g: 200, b: 60 }).webp({ quality: 80 }).toBuffer()
}

export function svg(): Buffer {
  return Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40" viewBox="0 0 80 40">' +
      '<rect width="80" height="40" fill="#fc6"/><circle cx="20" cy="20" r="14" fill="#369"/>' +
      '<text x="40" y="26" font-size="12" fill="#000">svg</text></svg>\n',
  )
}

/** A 24-bit bottom-up Windows bitmap, the layout Paint writes (sharp cannot write BMP). */
export function bmp(width = 40, height = 30): Buffer {
  const pixels = bands(width, height, { r: 0, g: 120, b: 120 }, { r: 255, g: 140, b: 0 })
  const stride = Math.ceil((width * 3) / 4) * 4
  const file = Buffer.alloc(54 + stride * height)
  file.write('BM', 0, 'latin1')
  file.writeUInt32LE(file.length, 2)
  file.writeUInt32LE(54, 10)
  file.writeUInt32LE(40, 14)
  file.writeInt32LE(width, 18)
  file.writeInt32LE(height, 22)
  file.writeUInt16LE(1, 26)
  file.writeUInt16LE(24, 28)
  file.writeUInt32LE(stride * height, 34)
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * stride
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      file[row + x * 3] = pixels[i + 2]!
      file[row + x * 3 + 1] = pixels[i + 1]!
      file[row + x * 3 + 2] = pixels[i]!
    }
  }
  return file
}

/** A JPEG cut off halfway: the header says JPEG, the picture cannot be decoded. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await jpeg(120, 80, { r: 10, g: 10, b: 10 }, { r: 99, g: 99, b: 99 })
  return whole.subarray(0, Math.floor(whole.length / 2))
}

export async function dataUri(): Promise<string> {
  const bytes = await png(16, 16, { r: 0, g: 0, b: 0 }, { r: 255, g: 255, b: 0 })
  return `data:image/png;base64,${bytes.toString('base64')}`
}
