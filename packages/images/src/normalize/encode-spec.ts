import sharp from 'sharp'
import type { Pixels } from './pixels.js'

/** One way to encode the pixels; `scale` < 1 shrinks them first (only ever to fit the byte limit). */
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
  /** Flatten onto this colour for JPEG; PNG keeps alpha. */
  background: string
  /** The alpha channel is present but fully opaque: drop it so PNGs are a quarter smaller. */
  dropAlpha: boolean
}

/**
 * The encoder settings, fixed for determinism: same pixels and spec give the same bytes.
 * No metadata is ever written (sharp strips it unless asked), so EXIF, XMP and ICC are gone.
 */
export async function encodePixels(pixels: Pixels, spec: EncodeSpec, context: EncodeContext): Promise<Encoded> {
  let pipeline = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } })
  if (spec.scale < 1) pipeline = pipeline.resize({ width: Math.max(1, Math.round(pixels.width * spec.scale)) })
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
}

export function describeSpec(spec: EncodeSpec): string {
  const base = spec.kind === 'jpeg' ? `jpeg q${spec.quality}` : spec.kind
  return spec.scale < 1 ? `${base} ×${spec.scale.toFixed(3)}` : base
}
