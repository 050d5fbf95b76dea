import sharp, { type OutputInfo } from 'sharp'
import { ImageError } from '../errors.js'

/**
 * The parts of a cover Weixin shows, as `article.pic_crop_235_1` and `pic_crop_1_1` take them:
 * `x1_y1_x2_y2`, the top left and bottom right corners as fractions (0 to 1) of the picture's width
 * and height, at most six decimals. The feed shows the 2.35:1 part, a share card the 1:1 part.
 */
export interface CoverCrops {
  picCrop235_1: string
  picCrop1_1: string
}

export const FULL_CROP = '0_0_1_1'

/** The shape of each crop, width over height. */
const RATIOS = { picCrop235_1: 2.35, picCrop1_1: 1 } as const

/** A crop in Weixin's form, from a box in pixels of a `width`×`height` picture. */
export function formatCrop(box: { left: number; top: number; width: number; height: number }, width: number, height: number): string {
  const x1 = fraction(box.left / width)
  const y1 = fraction(box.top / height)
  const x2 = fraction((box.left + box.width) / width)
  const y2 = fraction((box.top + box.height) / height)
  return [x1, y1, x2, y2].map((value) => String(value)).join('_')
}

/** Six decimals at most, within 0 to 1; `String()` of such a number never uses an exponent above 1e-7. */
function fraction(value: number): number {
  const rounded = Math.round(Math.min(1, Math.max(0, value)) * 1e6) / 1e6
  // 1e-7 and below print as "1e-7": impossible after rounding to six decimals, except 0.
  return rounded < 1e-6 ? 0 : rounded
}

/** The centred square of a picture wider than tall (the whole height), as a crop. */
export function centreSquareCrop(width: number, height: number): string {
  const side = Math.min(width, height)
  return formatCrop({ left: (width - side) / 2, top: (height - side) / 2, width: side, height: side }, width, height)
}

/** Pictures are looked at this small: attention needs no more, and a 20 MP photo costs no more than a thumbnail. */
const ANALYSIS_WIDTH = 480

/**
 * Weixin's two cover crops of a picture, each the part sharp's attention strategy chooses (the
 * most salient region: skin, saturated colour, detail), so a face or the subject is not cut off
 * by a blind centre crop. A picture that already has (within a percent) the crop's shape is taken whole.
 */
export async function attentionCrops(data: Uint8Array, filename = 'cover'): Promise<CoverCrops> {
  let small: { data: Buffer; info: OutputInfo }
  try {
    small = await sharp(data, { animated: false }).rotate().resize({ width: ANALYSIS_WIDTH, height: ANALYSIS_WIDTH, fit: 'inside', withoutEnlargement: true }).png({ compressionLevel: 0 }).toBuffer({ resolveWithObject: true })
  } catch (cause) {
    throw new ImageError('MDWX_IMAGE_DECODE', filename, `${filename}: cannot be read to choose its crops`, { hint: 'Re-export the picture as PNG or JPEG.', cause })
  }
  const { width, height } = small.info
  const crops = {} as CoverCrops
  for (const [name, ratio] of Object.entries(RATIOS) as Array<[keyof CoverCrops, number]>) {
    const wide = width / height >= ratio
    const cropWidth = wide ? Math.max(1, Math.round(height * ratio)) : width
    const cropHeight = wide ? height : Math.max(1, Math.round(width / ratio))
    // Within a percent of the whole picture (rounding at the analysis size): the whole picture.
    if (cropWidth >= width * 0.99 && cropHeight >= height * 0.99) {
      crops[name] = FULL_CROP
      continue
    }
    const { info } = await sharp(small.data).resize(cropWidth, cropHeight, { fit: 'cover', position: sharp.strategy.attention }).raw().toBuffer({ resolveWithObject: true })
    // sharp reports where the crop began as negative offsets into the picture.
    const left = Math.abs(info.cropOffsetLeft ?? (width - cropWidth) / 2)
    const top = Math.abs(info.cropOffsetTop ?? (height - cropHeight) / 2)
    crops[name] = formatCrop({ left, top, width: cropWidth, height: cropHeight }, width, height)
  }
  return crops
}

/** Whether `value` is a crop Weixin accepts: four numbers from 0 to 1 with at most six decimals, x1 < x2, y1 < y2. */
export function isCrop(value: string): boolean {
  const parts = value.split('_')
  if (parts.length !== 4 || !parts.every((part) => /^(?:0|1)(?:\.\d{1,6})?$/.test(part))) return false
  const [x1, y1, x2, y2] = parts.map(Number) as [number, number, number, number]
  return [x1, y1, x2, y2].every((n) => n <= 1) && x1 < x2 && y1 < y2
}
