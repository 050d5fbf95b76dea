import type { OpenedImage } from './open-image.js'
import { sharpFailure } from './open-image.js'
import type { Pixels } from './pixels.js'

/**
 * One decode per picture: EXIF orientation applied, colour converted to sRGB through the
 * embedded ICC profile (CMYK included), 16-bit reduced to 8, and never wider than `maxWidth`
 * (tall pictures keep their height: only the width is bounded). JPEG sources shrink on load.
 */
export async function decodePixels(image: OpenedImage, maxWidth: number, source: string): Promise<Pixels> {
  try {
    const { data, info } = await image
      .open({ autoOrient: true })
      .resize({ width: maxWidth, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true })
    return { data, width: info.width, height: info.height, channels: info.channels }
  } catch (error) {
    throw sharpFailure(error, source)
  }
}
