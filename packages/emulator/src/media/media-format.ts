export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'bmp'
export type AudioFormat = 'mp3' | 'wav' | 'amr' | 'wma'
export type VideoFormat = 'mp4'
export type MediaFormat = ImageFormat | AudioFormat | VideoFormat

/** What the bytes are, decided by their magic numbers (never by the filename). */
export interface DetectedMedia {
  format: MediaFormat
  /** Image dimensions when the header could be read; `undefined` means not decodable (40137). */
  width: number | undefined
  height: number | undefined
}

/** The filename extensions Weixin accepts for each format. */
export const extensionsOf: Readonly<Record<MediaFormat, readonly string[]>> = {
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  gif: ['gif'],
  bmp: ['bmp'],
  mp3: ['mp3'],
  wav: ['wav'],
  amr: ['amr'],
  wma: ['wma'],
  mp4: ['mp4'],
}

export const contentTypeOf: Readonly<Record<MediaFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  amr: 'audio/amr',
  wma: 'audio/x-ms-wma',
  mp4: 'video/mp4',
}

/** The lower-case extension of a filename, or '' when it has none. */
export function extensionOf(filename: string): string {
  const base = filename.slice(filename.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase()
}

export function detectMedia(bytes: Buffer): DetectedMedia | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png(bytes)
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpeg(bytes)
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') {
    return sized('gif', bytes.length >= 14 ? bytes.readUInt16LE(6) : 0, bytes.length >= 14 ? bytes.readUInt16LE(8) : 0)
  }
  if (bytes.subarray(0, 2).toString('latin1') === 'BM') {
    return sized('bmp', bytes.length >= 26 ? bytes.readInt32LE(18) : 0, bytes.length >= 26 ? Math.abs(bytes.readInt32LE(22)) : 0)
  }
  if (bytes.subarray(0, 3).toString('latin1') === 'ID3' || (bytes.length > 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) {
    return audio('mp3')
  }
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WAVE') return audio('wav')
  if (bytes.subarray(0, 5).toString('latin1') === '#!AMR') return audio('amr')
  if (startsWith(bytes, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return audio('wma')
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') return { format: 'mp4', width: undefined, height: undefined }
  return undefined
}

function png(bytes: Buffer): DetectedMedia {
  // A decodable PNG starts with its IHDR chunk and ends with IEND: a truncated upload does not.
  const hasHeader = bytes.length >= 33 && bytes.readUInt32BE(8) === 13 && bytes.subarray(12, 16).toString('latin1') === 'IHDR'
  if (!hasHeader || bytes.lastIndexOf('IEND', undefined, 'latin1') < 33) return sized('png', 0, 0)
  return sized('png', bytes.readUInt32BE(16), bytes.readUInt32BE(20))
}

const startOfFrameMarkers = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

function jpeg(bytes: Buffer): DetectedMedia {
  // Walk the segments to the frame header; scan data before it, or no end marker, is not an image.
  let offset = 2
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return sized('jpeg', 0, 0)
    const marker = bytes[offset + 1] ?? 0
    if (marker === 0xff) {
      offset++
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2
      continue
    }
    if (marker === 0xda || marker === 0xd9) return sized('jpeg', 0, 0)
    const length = bytes.readUInt16BE(offset + 2)
    if (startOfFrameMarkers.has(marker)) {
      if (offset + 9 > bytes.length || !endsWithEoi(bytes, offset)) return sized('jpeg', 0, 0)
      return sized('jpeg', bytes.readUInt16BE(offset + 7), bytes.readUInt16BE(offset + 5))
    }
    offset += 2 + length
  }
  return sized('jpeg', 0, 0)
}

function endsWithEoi(bytes: Buffer, after: number): boolean {
  return bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) > after
}

function sized(format: ImageFormat, width: number, height: number): DetectedMedia {
  return width > 0 && height > 0 ? { format, width, height } : { format, width: undefined, height: undefined }
}

function audio(format: AudioFormat): DetectedMedia {
  return { format, width: undefined, height: undefined }
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte)
}

export function isImageFormat(format: MediaFormat): format is ImageFormat {
  return format === 'jpeg' || format === 'png' || format === 'gif' || format === 'bmp'
}
