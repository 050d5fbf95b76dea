import { ImageError, tooManyPixels } from '../errors.js'
import type { RawImage } from './raw-image.js'

/*
 * A decoder for the uncompressed BMPs people actually have (libvips, and so sharp, has no BMP
 * loader): 1/4/8-bit palettes, 16/24/32-bit, bottom-up and top-down rows, BI_BITFIELDS masks,
 * the OS/2 core header, and the BMPs inside ICO files (double height plus an AND mask).
 * RLE and embedded JPEG/PNG compression are refused with a hint.
 */

export interface DibOptions {
  source: string
  maxPixels: number
  /** The DIB comes from an ICO: height counts the AND mask too, and 32-bit pixels carry alpha. */
  icon?: boolean
  /** Where the pixel rows start; a BMP file says so in its header, an ICO DIB follows its palette. */
  pixelOffset?: number
}

const BI_RGB = 0
const BI_BITFIELDS = 3
const BI_ALPHABITFIELDS = 6

/** A .bmp file: a 14-byte file header (which says where the pixels start), then a DIB. */
export function decodeBmp(file: Uint8Array, source: string, maxPixels: number): RawImage {
  if (file.length < 18) throw truncated(source)
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  return decodeDib(file.subarray(14), { source, maxPixels, pixelOffset: view.getUint32(10, true) - 14 })
}

/** A device-independent bitmap: header, optional masks and palette, rows of pixels. */
export function decodeDib(dib: Uint8Array, options: DibOptions): RawImage {
  const { source } = options
  const view = new DataView(dib.buffer, dib.byteOffset, dib.byteLength)
  const need = (end: number): void => {
    if (end > dib.length) throw truncated(source)
  }
  need(4)
  const header = readHeader(view, dib.length, source)
  const { width, bpp, compression } = header
  const topDown = header.height < 0
  const height = Math.abs(header.height) / (options.icon === true ? 2 : 1)
  if (width <= 0 || height <= 0 || !Number.isInteger(height)) {
    throw new ImageError('MDWX_IMAGE_DECODE', source, `${source}: the BMP header gives an impossible size (${width}×${header.height})`, {
      hint: 'The file is damaged: export the picture again as PNG or JPEG.',
    })
  }
  if (width * height > options.maxPixels) throw tooManyPixels(source, width, height, options.maxPixels)
  if (compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHABITFIELDS) {
    throw new ImageError('MDWX_IMAGE_UNSUPPORTED', source, `${source}: compressed BMP (method ${compression}) is not supported`, {
      hint: 'Save the picture as PNG or JPEG (or as an uncompressed BMP).',
    })
  }
  if (![1, 4, 8, 16, 24, 32].includes(bpp) || (bpp <= 8 && compression !== BI_RGB)) {
    throw new ImageError('MDWX_IMAGE_UNSUPPORTED', source, `${source}: BMP with ${bpp} bits per pixel is not supported`, {
      hint: 'Save the picture as PNG or JPEG.',
    })
  }

  const masks = readMasks(view, header, options.icon === true)
  const palette = bpp <= 8 ? readPalette(dib, header, source) : undefined
  const stride = Math.floor((bpp * width + 31) / 32) * 4
  const pixelOffset = options.pixelOffset ?? header.headerSize + header.masksAfterHeader + (palette?.fileBytes ?? 0)
  if (pixelOffset < header.headerSize) throw truncated(source)
  need(pixelOffset + stride * height)

  const out = new Uint8Array(width * height * 4)
  const readRow = rowReader(dib, bpp, width, palette?.rgba, masks)
  for (let y = 0; y < height; y++) {
    const row = topDown ? y : height - 1 - y
    readRow(pixelOffset + row * stride, out, y * width * 4)
  }

  let hasAlpha = masks !== undefined && masks.alpha !== 0 && !alphaAllZero(out)
  if (options.icon === true) hasAlpha = applyAndMask(dib, pixelOffset + stride * height, width, height, topDown, out, hasAlpha) || hasAlpha
  return hasAlpha ? { data: out, width, height, channels: 4 } : { data: dropAlpha(out), width, height, channels: 3 }
}

interface DibHeader {
  headerSize: number
  width: number
  height: number
  bpp: number
  compression: number
  colorsUsed: number
  /** Bytes of colour masks that sit after a 40-byte header (BI_BITFIELDS with BITMAPINFOHEADER). */
  masksAfterHeader: number
  paletteEntrySize: 3 | 4
}

function readHeader(view: DataView, length: number, source: string): DibHeader {
  const headerSize = view.getUint32(0, true)
  if (headerSize === 12) {
    if (length < 12) throw truncated(source)
    return {
      headerSize,
      width: view.getUint16(4, true),
      height: view.getInt16(6, true),
      bpp: view.getUint16(10, true),
      compression: BI_RGB,
      colorsUsed: 0,
      masksAfterHeader: 0,
      paletteEntrySize: 3,
    }
  }
  if (headerSize < 40 || length < 40) throw truncated(source)
  const compression = view.getUint32(16, true)
  const masksAfterHeader = headerSize === 40 ? (compression === BI_BITFIELDS ? 12 : compression === BI_ALPHABITFIELDS ? 16 : 0) : 0
  return {
    headerSize,
    width: view.getInt32(4, true),
    height: view.getInt32(8, true),
    bpp: view.getUint16(14, true),
    compression,
    colorsUsed: view.getUint32(32, true),
    masksAfterHeader,
    paletteEntrySize: 4,
  }
}

interface Masks {
  red: number
  green: number
  blue: number
  alpha: number
}

function readMasks(view: DataView, header: DibHeader, icon: boolean): Masks | undefined {
  const { bpp, compression, headerSize } = header
  if (bpp === 16 && compression === BI_RGB) return { red: 0x7c00, green: 0x03e0, blue: 0x001f, alpha: 0 }
  if (bpp === 32 && compression === BI_RGB) {
    // Plain 32-bit BMPs leave the fourth byte unused; icons store alpha there.
    return { red: 0xff0000, green: 0xff00, blue: 0xff, alpha: icon ? 0xff000000 : 0 }
  }
  if (bpp !== 16 && bpp !== 32) return undefined
  const at = (offset: number): number => (offset + 4 <= view.byteLength ? view.getUint32(offset, true) : 0)
  const hasAlphaField = headerSize >= 56 || compression === BI_ALPHABITFIELDS
  return { red: at(40), green: at(44), blue: at(48), alpha: hasAlphaField ? at(52) : 0 }
}

interface Palette {
  /** 256 RGBA entries (unused ones black), so that any index read from the rows is safe. */
  rgba: Uint8Array
  /** How many bytes the palette takes in the file. */
  fileBytes: number
}

function readPalette(dib: Uint8Array, header: DibHeader, source: string): Palette {
  const count = header.colorsUsed > 0 ? Math.min(header.colorsUsed, 256) : 1 << header.bpp
  const start = header.headerSize + header.masksAfterHeader
  const fileBytes = count * header.paletteEntrySize
  const bytes = dib.subarray(start, start + fileBytes)
  if (bytes.length < fileBytes) throw truncated(source)
  // Normalise to RGBA entries so the row reader does one lookup per pixel.
  const rgba = new Uint8Array(256 * 4)
  for (let i = 0; i < count; i++) {
    const entry = i * header.paletteEntrySize
    rgba[i * 4] = bytes[entry + 2]!
    rgba[i * 4 + 1] = bytes[entry + 1]!
    rgba[i * 4 + 2] = bytes[entry]!
    rgba[i * 4 + 3] = 255
  }
  return { rgba, fileBytes }
}

type RowReader = (from: number, out: Uint8Array, to: number) => void

function rowReader(dib: Uint8Array, bpp: number, width: number, palette: Uint8Array | undefined, masks: Masks | undefined): RowReader {
  if (palette !== undefined) {
    const perByte = 8 / bpp
    const mask = (1 << bpp) - 1
    return (from, out, to) => {
      for (let x = 0; x < width; x++) {
        const byte = dib[from + Math.floor(x / perByte)]!
        const index = ((byte >> (8 - bpp * ((x % perByte) + 1))) & mask) * 4
        const o = to + x * 4
        out[o] = palette[index]!
        out[o + 1] = palette[index + 1]!
        out[o + 2] = palette[index + 2]!
        out[o + 3] = 255
      }
    }
  }
  if (bpp === 24) {
    return (from, out, to) => {
      for (let x = 0; x < width; x++) {
        const p = from + x * 3
        const o = to + x * 4
        out[o] = dib[p + 2]!
        out[o + 1] = dib[p + 1]!
        out[o + 2] = dib[p]!
        out[o + 3] = 255
      }
    }
  }
  const { red, green, blue, alpha } = masks!
  const channels = [channelOf(red), channelOf(green), channelOf(blue), channelOf(alpha)]
  const bytesPerPixel = bpp / 8
  return (from, out, to) => {
    for (let x = 0; x < width; x++) {
      const p = from + x * bytesPerPixel
      const pixel = bpp === 16 ? dib[p]! | (dib[p + 1]! << 8) : (dib[p]! | (dib[p + 1]! << 8) | (dib[p + 2]! << 16) | (dib[p + 3]! << 24)) >>> 0
      const o = to + x * 4
      for (let c = 0; c < 4; c++) out[o + c] = channels[c]!(pixel)
    }
  }
}

/** Extracts one channel through its mask and scales it to 0..255 (an empty alpha mask means opaque). */
function channelOf(mask: number): (pixel: number) => number {
  if (mask === 0) return () => 255
  let shift = 0
  while (((mask >>> shift) & 1) === 0) shift++
  let bits = 0
  while (((mask >>> (shift + bits)) & 1) === 1 && shift + bits < 32) bits++
  const max = 2 ** bits - 1
  return (pixel) => Math.round(((((pixel & mask) >>> 0) >>> shift) * 255) / max)
}

function alphaAllZero(rgba: Uint8Array): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) return false
  return true
}

/**
 * The AND mask of an ICO BMP: one bit per pixel, 1 = transparent. It only matters when the
 * colour data carries no alpha of its own. Returns whether it made any pixel transparent.
 */
function applyAndMask(dib: Uint8Array, start: number, width: number, height: number, topDown: boolean, rgba: Uint8Array, hasAlpha: boolean): boolean {
  const stride = Math.floor((width + 31) / 32) * 4
  if (hasAlpha || start + stride * height > dib.length) {
    if (!hasAlpha) for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255
    return false
  }
  let any = false
  for (let y = 0; y < height; y++) {
    const row = start + (topDown ? y : height - 1 - y) * stride
    for (let x = 0; x < width; x++) {
      const transparent = ((dib[row + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1
      rgba[(y * width + x) * 4 + 3] = transparent ? 0 : 255
      any ||= transparent
    }
  }
  return any
}

function dropAlpha(rgba: Uint8Array): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3)
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    rgb[o] = rgba[i]!
    rgb[o + 1] = rgba[i + 1]!
    rgb[o + 2] = rgba[i + 2]!
  }
  return rgb
}

function truncated(source: string): ImageError {
  return new ImageError('MDWX_IMAGE_DECODE', source, `${source}: the BMP data is truncated`, {
    hint: 'The file is incomplete or damaged: download or export it again.',
  })
}
