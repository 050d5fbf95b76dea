import { ImageError } from '../errors.js'
import { jpegScaleLimit, type Encoded, type EncodeSpec } from './encode-spec.js'
import { Encoder } from './encoder.js'
import { JPEG_MAX_SIDE, TARGET_FILL } from './limits.js'
import { flatShare, hasAlphaChannel, hasFewColours, usesAlpha, type Pixels } from './pixels.js'

export interface StillPlan {
  source: string
  maxBytes: number
  background: string
  /** The source was a JPEG: a photo, or a picture that already carries JPEG artefacts, which PNG would only make bigger. */
  lossySource: boolean
}

export interface StillResult {
  encoded: Encoded
  format: 'jpeg' | 'png'
  encodes: number
  warnings: string[]
}

/** Quality 80 is the starting point: visually clean for photos, a third of q95's bytes. */
const START_QUALITY = 80
/** Below 50, JPEG blocks show; past that point it is better to lose pixels than quality. */
const MIN_QUALITY = 50
const QUALITY_STEP = 5
/** Flat runs above this share mean a graphic (see `flatShare`). */
const GRAPHIC_FLAT_SHARE = 0.5
/** Full encodes the strategy plans for; more happen only in the safety net. */
const MAX_ENCODES = 3
/** The last planned encode aims this low under the limit. */
const LAST_TRY_FILL = 0.8
/** The safety net gives up below this share of the width. */
const MIN_SCALE = 0.05

/**
 * Chooses the output for a still picture:
 * - photos (JPEG sources, or opaque pictures with few flat runs and many colours) → JPEG,
 *   quality and size predicted from a sample so that one full encode usually suffices;
 * - graphics (flat runs, or 256 colours at most) and transparent pictures → PNG when the
 *   sample says it fits;
 * - transparent ones that do not → palette PNG (costly, so only when predicted to fit);
 * - anything else → JPEG (transparent pixels flattened onto `background`).
 * A picture taller (or wider) than JPEG's `JPEG_MAX_SIDE` stays PNG when that fits; if it must
 * become JPEG it is reduced to fit that limit, the one case where the height decides the size.
 */
export async function encodeStill(pixels: Pixels, plan: StillPlan): Promise<StillResult> {
  const alpha = usesAlpha(pixels)
  const encoder = new Encoder(pixels, { source: plan.source, background: plan.background, dropAlpha: hasAlphaChannel(pixels) && !alpha })
  const warnings: string[] = []
  const graphic = alpha || (!plan.lossySource && (flatShare(pixels) > GRAPHIC_FLAT_SHARE || hasFewColours(pixels)))
  const result = (encoded: Encoded, format: 'jpeg' | 'png'): StillResult => ({ encoded, format, encodes: encoder.encodes, warnings })
  const jpegLimit = jpegScaleLimit(pixels)

  if (graphic || jpegLimit < 1) {
    // PNG keeps every pixel of a picture JPEG could only hold reduced, photo or not.
    const png = await encodeIfPredictedToFit(encoder, { kind: 'png', scale: 1 }, plan.maxBytes)
    if (png !== undefined) return result(png, 'png')
    if (alpha) {
      const palette = await encodeIfPredictedToFit(encoder, { kind: 'palette', scale: 1 }, plan.maxBytes)
      if (palette !== undefined) return result(palette, 'png')
      warnings.push(`transparency flattened onto ${plan.background}: the picture does not fit in ${plan.maxBytes} bytes as PNG`)
    }
  }
  const jpeg = await fitJpeg(encoder, plan, jpegLimit)
  if (jpeg.spec.scale < jpegLimit) {
    warnings.push(
      jpegLimit < 1
        ? `reduced to ${jpeg.width}×${jpeg.height} px to fit JPEG's ${JPEG_MAX_SIDE} px limit and ${plan.maxBytes} bytes`
        : `reduced to ${jpeg.width} px wide to fit in ${plan.maxBytes} bytes`,
    )
  } else if (jpegLimit < 1) {
    warnings.push(`reduced to ${jpeg.width}×${jpeg.height} px: a JPEG holds at most ${JPEG_MAX_SIDE} px on a side, and the picture does not fit in ${plan.maxBytes} bytes as PNG (split it to keep every pixel)`)
  }
  return result(jpeg, 'jpeg')
}

async function encodeIfPredictedToFit(encoder: Encoder, spec: EncodeSpec, maxBytes: number): Promise<Encoded | undefined> {
  if ((await encoder.estimate(spec)) > maxBytes * TARGET_FILL) return undefined
  const encoded = await encoder.encode(spec)
  return encoded.data.length <= maxBytes ? encoded : undefined
}

/**
 * JPEG under `maxBytes`: the highest quality from 80 down to 50 predicted to fit, else quality
 * 50 at the width predicted to fit. A miss recalibrates the prediction with the real size, and
 * the last of the three encodes aims lower so that it lands. No scale exceeds `limit`, the
 * largest at which the pixels fit in a JPEG at all.
 */
async function fitJpeg(encoder: Encoder, plan: StillPlan, limit: number): Promise<Encoded> {
  let last: Encoded | undefined
  while (encoder.encodes < MAX_ENCODES) {
    const lastTry = encoder.encodes === MAX_ENCODES - 1 && encoder.encodes > 0
    const spec = await chooseJpeg(encoder, plan.maxBytes * (lastTry ? LAST_TRY_FILL : TARGET_FILL), limit)
    const before = encoder.encodes
    last = await encoder.encode(spec)
    if (last.data.length <= plan.maxBytes) return last
    if (encoder.encodes === before) break // the prediction repeats a known miss: stop predicting
  }
  // Safety net, never reached on the benchmark set: shrink from the last real size.
  last ??= await encoder.encode({ kind: 'jpeg', quality: MIN_QUALITY, scale: limit })
  while (last.data.length > plan.maxBytes && last.spec.scale > MIN_SCALE) {
    const scale = last.spec.scale * Math.sqrt((plan.maxBytes * LAST_TRY_FILL) / last.data.length)
    last = await encoder.encode({ kind: 'jpeg', quality: MIN_QUALITY, scale })
  }
  if (last.data.length <= plan.maxBytes) return last
  const { width, height } = encoder.pixels
  if (limit < 1) {
    throw new ImageError(
      'MDWX_IMAGE_TOO_LARGE',
      plan.source,
      `${plan.source}: ${width}×${height} px does not fit in ${plan.maxBytes} bytes as PNG, nor as JPEG (at most ${JPEG_MAX_SIDE} px on a side) at any size tried`,
      { hint: `Split the picture into parts under ${JPEG_MAX_SIDE} px long (a long screenshot into several), or raise maxBytes.` },
    )
  }
  throw new ImageError('MDWX_IMAGE_TOO_LARGE', plan.source, `${plan.source}: cannot be made smaller than ${plan.maxBytes} bytes`, {
    hint: 'Crop or reduce the picture, or raise maxBytes.',
  })
}

/**
 * Bytes at each quality relative to quality 80, on the high side of what photos, noisy photos
 * and screenshots measure: a first guess at which quality to check, not an answer.
 */
const SIZE_VS_Q80: ReadonlyArray<readonly [quality: number, ratio: number]> = [
  [75, 0.93],
  [70, 0.86],
  [65, 0.8],
  [60, 0.74],
  [55, 0.68],
  [50, 0.62],
]

async function chooseJpeg(encoder: Encoder, target: number, limit: number): Promise<EncodeSpec> {
  const at = (quality: number, scale = limit): EncodeSpec => ({ kind: 'jpeg', quality, scale })
  const atStart = await encoder.estimate(at(START_QUALITY))
  if (atStart <= target) return at(START_QUALITY)
  // Jump to the quality the table expects to fit, then walk down while the sample disagrees.
  let quality = SIZE_VS_Q80.find(([, ratio]) => atStart * ratio <= target)?.[0] ?? MIN_QUALITY
  while (quality > MIN_QUALITY && (await encoder.estimate(at(quality))) > target) quality -= QUALITY_STEP
  const predicted = await encoder.estimate(at(quality))
  if (predicted <= target) return at(quality)
  return at(MIN_QUALITY, limit * Math.sqrt(target / predicted))
}
