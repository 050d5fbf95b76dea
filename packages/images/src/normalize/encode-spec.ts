import sharp, { type ResizeOptions } from 'sharp'
import { ImageError } from '../errors.js'
import { JPEG_MAX_SIDE } from './limits.js'
import type { Pixels } from './pixels.js'

/**
 * One way to encode the pixels; `scale` < 1 shrinks them first (to fit the byte limit, or for
 * JPEG to fit `JPEG_MAX_SIDE`).
 */
export type EncodeSpec =
  | { kind: 'jpeg'; quality: number; scale: number }
  | { kind: 'png'; scale: number }
  | { kind: 'palette'; scale: number }

export interface Encoded {
  data: Buffer
  width: number
  height: number
  spec: EncodeSpec
}

export interface EncodeContext {
  /** Names the picture in errors. */
  source: string
  /** Flatten onto this colour for JPEG; PNG keeps alpha. */
  background: string
  /** The alpha channel is present but fully opaque: drop it so PNGs are a quarter smaller. */
  dropAlpha: boolean
}

/**
 * The encoder settings, fixed for determinism: same pixels and spec give the same bytes.
 * No metadata is ever written (sharp strips it unless asked), so EXIF, XMP and ICC are gone.
 * Any failure becomes an `ImageError` naming the picture.
 */
export async function encodePixels(pixels: Pixels, spec: EncodeSpec, context: EncodeContext): Promise<Encoded> {
  try {
    let pipeline = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } })
    if (spec.scale < 1) pipeline = pipeline.resize(scaledSize(pixels, spec))
    if (spec.kind === 'jpeg') {
      pipeline = pipeline.flatten({ background: context.background }).jpeg({ quality: spec.quality })
    } else {
      if (context.dropAlpha) pipeline = pipeline.removeAlpha()
      // Palette: the quickest quantiser effort with light dithering; it is only used for
      // transparent pictures that do not fit as full-colour PNG.
      pipeline = pipeline.png(spec.kind === 'palette' ? { palette: true, effort: 1, dither: 0.5 } : {})
    }
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true })
    return { data, width: info.width, height: info.height, spec }
  } catch (error) {
    throw encodeFailure(error, context.source, spec)
  }
}

/**
 * The size `scale` asks for. sharp derives the height from the rounded width, which on a narrow,
 * very tall picture can land back over JPEG's limit (100×70,000 at ×0.9357 is 94 wide, so
 * 65,800 tall): then both sides are given, clamped, and the aspect changes by under a pixel of width.
 */
function scaledSize(pixels: Pixels, spec: EncodeSpec): ResizeOptions {
  const width = Math.max(1, Math.round(pixels.width * spec.scale))
  if (spec.kind !== 'jpeg') return { width }
  const height = Math.max(1, Math.round((pixels.height * width) / pixels.width))
  if (width <= JPEG_MAX_SIDE && height <= JPEG_MAX_SIDE) return { width }
  return { width: Math.min(width, JPEG_MAX_SIDE), height: Math.min(height, JPEG_MAX_SIDE), fit: 'fill' }
}

/** The largest `scale` at which the pixels fit in a JPEG: 1 for all but extremely long pictures. */
export function jpegScaleLimit(pixels: Pixels): number {
  return Math.min(1, JPEG_MAX_SIDE / pixels.width, JPEG_MAX_SIDE / pixels.height)
}

/** Turns a sharp/libvips failure while encoding decoded pixels into our error, keeping libvips' words. */
export function encodeFailure(error: unknown, source: string, spec: EncodeSpec): ImageError {
  const detail = error instanceof Error ? error.message.split('\n')[0]!.trim() : String(error)
  const format = spec.kind === 'jpeg' ? 'JPEG' : 'PNG'
  if (/too large|maximum supported image dimension|out of memory/i.test(detail)) {
    return new ImageError('MDWX_IMAGE_TOO_LARGE', source, `${source}: is too large to encode as ${format} (${detail})`, {
      hint: `Split the picture into parts (a JPEG holds at most ${JPEG_MAX_SIDE} px on a side), or crop or reduce it.`,
      cause: error,
    })
  }
  return new ImageError('MDWX_IMAGE_DECODE', source, `${source}: could not be encoded as ${format} (${detail})`, {
    hint: 'Re-save the picture as JPEG or PNG in an image editor and add it again.',
    cause: error,
  })
}

export function describeSpec(spec: EncodeSpec): string {
  const base = spec.kind === 'jpeg' ? `jpeg q${spec.quality}` : spec.kind
  return spec.scale < 1 ? `${base} ×${spec.scale.toFixed(3)}` : base
}
