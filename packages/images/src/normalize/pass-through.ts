import { jpegLayout } from '../containers/jpeg-markers.js'
import { pngLayout } from '../containers/png-chunks.js'
import type { OpenedImage } from './open-image.js'
import { sharpFailure } from './open-image.js'

export interface PassThroughLimits {
  maxWidth: number
  maxBytes: number
}

/**
 * An input that already meets every rule is uploaded byte for byte: re-encoding would only
 * lose quality and time. Every rule: JPEG or PNG, within the limits, 8-bit sRGB (or grey),
 * upright, and nothing but pixels inside (no EXIF, ICC, XMP, IPTC, comments, text chunks,
 * animation chunks or trailing data).
 */
export function meetsEveryRule(data: Uint8Array, image: OpenedImage, limits: PassThroughLimits): boolean {
  const { format, metadata } = image
  if (format !== 'jpeg' && format !== 'png') return false
  if (data.length > limits.maxBytes || metadata.width > limits.maxWidth) return false
  if (metadata.depth !== 'uchar' || (metadata.space !== 'srgb' && metadata.space !== 'b-w')) return false
  if ((metadata.orientation ?? 1) !== 1 || (metadata.pages ?? 1) > 1) return false
  if (metadata.hasProfile || metadata.exif || metadata.icc || metadata.xmp || metadata.iptc || metadata.comments?.length) return false
  const layout = format === 'jpeg' ? jpegLayout(data) : pngLayout(data)
  return layout.metadataFree && layout.endsCleanly
}

/**
 * Decodes every pixel (into an 8×8 thumbnail, so memory stays small) to prove the file is
 * whole before it is forwarded unchanged; throws the decode error otherwise.
 */
export async function proveDecodable(image: OpenedImage, source: string, allPages = false): Promise<void> {
  try {
    await image
      .open(allPages ? { pages: -1 } : {})
      .resize(8, 8, { fit: 'fill' })
      .raw()
      .toBuffer()
  } catch (error) {
    throw sharpFailure(error, source)
  }
}
