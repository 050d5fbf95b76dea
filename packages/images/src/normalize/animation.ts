import sharp, { type OutputInfo, type Sharp, type SharpOptions } from 'sharp'
import { cleanGif } from '../containers/gif-blocks.js'
import type { ResolvedNormalizeOptions } from './options.js'
import { MATERIAL_MAX_BYTES, MAX_ANIMATION_PIXELS, TARGET_FILL } from './limits.js'
import type { OpenedImage } from './open-image.js'
import { sharpFailure } from './open-image.js'
import { proveDecodable } from './pass-through.js'

export interface Animation {
  data: Uint8Array
  width: number
  height: number
  encodes: number
  warnings: string[]
}

/**
 * A fresh palette per frame at the quickest effort: re-using the source palette after resizing
 * measured 20× slower (73 s against 3.7 s for ten 945×709 frames) for the same size.
 */
const GIF_SETTINGS = { effort: 1, reuse: false } as const

/** Frames kept in memory for dropping every other one are bounded by this (RGBA bytes). */
const MAX_FRAME_STRIP_BYTES = 256 * 1024 * 1024

/**
 * An animated GIF (or animated WebP, converted) for `add_material`, which keeps it moving.
 * A clean GIF within 10 MB and `maxWidth` is forwarded as is (metadata blocks removed without
 * re-encoding). Otherwise: one encode at the width predicted to fit, then one with half the
 * frames and 128 colours. Returns the reason when it still does not fit, and the caller
 * keeps the first frame as a still picture instead.
 */
export async function normalizeAnimation(
  data: Uint8Array,
  image: OpenedImage,
  options: ResolvedNormalizeOptions,
): Promise<Animation | { reason: string }> {
  const { metadata } = image
  const { source, maxWidth } = options
  const frames = metadata.pages ?? 1
  const frameHeight = metadata.pageHeight ?? metadata.height
  if (metadata.width * frameHeight * frames > MAX_ANIMATION_PIXELS) {
    return { reason: `the animation has ${frames} frames of ${metadata.width}×${frameHeight}, too many pixels to re-encode` }
  }
  const animated = { animated: true, limitInputPixels: MAX_ANIMATION_PIXELS }

  let sourceBytes = data.length
  if (image.format === 'gif') {
    const clean = cleanGif(data, source)
    sourceBytes = clean.data.length
    if (clean.data.length <= MATERIAL_MAX_BYTES && metadata.width <= maxWidth) {
      await proveDecodable(image, source, true)
      const warnings = clean.removedMetadata ? ['comments and application data removed from the GIF'] : []
      return { data: clean.data, width: metadata.width, height: frameHeight, encodes: 0, warnings }
    }
  }

  const target = MATERIAL_MAX_BYTES * TARGET_FILL
  let scale = Math.min(1, maxWidth / metadata.width)
  // GIF bytes follow the pixel count; a WebP source says nothing about its size as GIF.
  if (image.format === 'gif' && sourceBytes * scale * scale > target) scale = Math.sqrt(target / sourceBytes)
  const first = await encodeGif(() => image.open(animated).resize({ width: Math.max(1, Math.round(metadata.width * scale)) }).gif(GIF_SETTINGS), source)
  if (first.data.length <= MATERIAL_MAX_BYTES) return { ...first, encodes: 1, warnings: reducedWarning(first, metadata.width, frames, frames, 256) }

  // Second and last try: half the frames (each kept frame shows twice as long) and 128
  // colours roughly halve the bytes, so the width only has to make up the rest.
  const kept = Math.ceil(frames / 2)
  const secondScale = scale * Math.min(1, Math.sqrt((target / first.data.length) * 2))
  const secondWidth = Math.max(1, Math.round(metadata.width * secondScale))
  if (secondWidth * secondWidth * (frameHeight / metadata.width) * 4 * frames > MAX_FRAME_STRIP_BYTES) {
    return { reason: 'the animation is too large for Weixin even when reduced' }
  }
  const { strip, width, height } = await everyOtherFrame(image, animated, secondWidth, frames, source)
  const delays = metadata.delay ?? []
  const keptDelays = Array.from({ length: kept }, (_, i) => (delays[2 * i] ?? 100) + (delays[2 * i + 1] ?? 0))
  const second = await encodeGif(
    () =>
      sharp(strip, { raw: { width, height: height * kept, channels: 4, pageHeight: height } }).gif({
        ...GIF_SETTINGS,
        colours: 128,
        delay: keptDelays,
        loop: metadata.loop ?? 0,
      }),
    source,
  )
  if (second.data.length <= MATERIAL_MAX_BYTES) return { ...second, encodes: 2, warnings: reducedWarning(second, metadata.width, kept, frames, 128) }
  return { reason: `the animation is ${second.data.length} bytes even at ${width} px wide with ${kept} frames` }
}

async function encodeGif(build: () => Sharp, source: string): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    const { data, info } = await build().toBuffer({ resolveWithObject: true })
    return { data, width: info.width, height: info.pageHeight ?? info.height }
  } catch (error) {
    throw sharpFailure(error, source)
  }
}

async function everyOtherFrame(
  image: OpenedImage,
  animated: SharpOptions,
  width: number,
  frames: number,
  source: string,
): Promise<{ strip: Buffer; width: number; height: number }> {
  let all: { data: Buffer; info: OutputInfo }
  try {
    all = await image.open(animated).resize({ width }).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  } catch (error) {
    throw sharpFailure(error, source)
  }
  const height = all.info.height / frames
  const frameBytes = all.info.width * height * 4
  const kept = Math.ceil(frames / 2)
  const strip = Buffer.allocUnsafe(frameBytes * kept)
  for (let i = 0; i < kept; i++) all.data.copy(strip, i * frameBytes, 2 * i * frameBytes, (2 * i + 1) * frameBytes)
  return { strip, width: all.info.width, height }
}

function reducedWarning(result: { width: number }, originalWidth: number, frames: number, originalFrames: number, colours: number): string[] {
  const changes: string[] = []
  if (result.width < originalWidth) changes.push(`${originalWidth} → ${result.width} px wide`)
  if (frames < originalFrames) changes.push(`${originalFrames} → ${frames} frames`)
  if (colours < 256) changes.push(`${colours} colours`)
  return changes.length === 0 ? [] : [`animation reduced to fit Weixin's ${MATERIAL_MAX_BYTES} bytes: ${changes.join(', ')}`]
}
