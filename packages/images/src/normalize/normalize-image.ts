import { createHash } from 'node:crypto'
import { expectOption } from '@mdwx/errors'
import { sniffImage } from '../sniff.js'
import { normalizeAnimation } from './animation.js'
import { decodePixels } from './decode-pixels.js'
import { encodeStill } from './encode-still.js'
import { decodeSlots } from './limiter.js'
import { notAnImage } from './not-an-image.js'
import { openImage, type OpenedImage } from './open-image.js'
import { resolveNormalizeOptions, type NormalizeOptions, type ResolvedNormalizeOptions } from './options.js'
import { meetsEveryRule, proveDecodable } from './pass-through.js'

export interface NormalizedImage {
  /** The bytes to upload. */
  data: Uint8Array
  format: 'jpeg' | 'png' | 'gif'
  width: number
  height: number
  /** `uploadimg` for JPG/PNG under `maxBytes`; `material` (add_material) for an animated GIF. */
  api: 'uploadimg' | 'material'
  /** SHA-256 (hex) of the source bytes: the key for deduplicating uploads. */
  sourceHash: string
  /** `data.length`. */
  bytes: number
  /** What was changed that a person may want to know (flattened, reduced, frames dropped). */
  warnings: string[]
  /**
   * Characters of an SVG's text that Noto Sans SC has no glyph for, each drawn as a box (the
   * outline of its em square), each listed once in the order met. Empty for other formats.
   */
  missingGlyphs: string[]
  /** Full-size encodes it took: 0 when the input passed through unchanged. */
  encodes: number
}

type Outcome = Omit<NormalizedImage, 'sourceHash' | 'bytes' | 'missingGlyphs'>

/**
 * Makes any supported picture acceptable to Weixin: JPG/PNG within `maxBytes` for uploadimg,
 * or an animated GIF within 10 MB for add_material. Deterministic: the same bytes and options
 * give the same output. Calls share one queue of as many decodes as the machine has cores.
 */
export async function normalizeImage(data: Uint8Array, options?: NormalizeOptions): Promise<NormalizedImage> {
  const resolved = resolveNormalizeOptions(options)
  expectOption(data instanceof Uint8Array, 'image bytes (a Uint8Array or Buffer)', 'data', data)
  const sourceHash = createHash('sha256').update(data).digest('hex')
  const sniffed = sniffImage(data)
  if (sniffed.kind === 'other') throw notAnImage(resolved.source, sniffed.what)
  const outcome = await decodeSlots.run(async () => {
    const image = await openImage(data, sniffed.format, resolved.source)
    return { ...(await normalizeOpened(data, image, resolved)), missingGlyphs: image.missingGlyphs }
  })
  return { ...outcome, sourceHash, bytes: outcome.data.length }
}

async function normalizeOpened(data: Uint8Array, image: OpenedImage, options: ResolvedNormalizeOptions): Promise<Outcome> {
  const warnings: string[] = []
  const animated = (image.metadata.pages ?? 1) > 1 && (image.format === 'gif' || image.format === 'webp')
  if (animated && options.gif === 'animate') {
    const animation = await normalizeAnimation(data, image, options)
    if (!('reason' in animation)) {
      const { data: gif, width, height, encodes } = animation
      return { data: gif, format: 'gif', width, height, api: 'material', encodes, warnings: animation.warnings }
    }
    warnings.push(`kept the first frame as a still picture: ${animation.reason}`)
  }

  if (meetsEveryRule(data, image, options)) {
    await proveDecodable(image, options.source)
    const { width, height } = image.metadata
    return { data, format: image.format === 'png' ? 'png' : 'jpeg', width, height, api: 'uploadimg', encodes: 0, warnings }
  }

  const pixels = await decodePixels(image, options.maxWidth, options.source)
  const still = await encodeStill(pixels, {
    source: options.source,
    maxBytes: options.maxBytes,
    background: options.background,
    lossySource: image.format === 'jpeg',
  })
  const { data: encoded, width, height } = still.encoded
  return { data: encoded, format: still.format, width, height, api: 'uploadimg', encodes: still.encodes, warnings: [...warnings, ...still.warnings] }
}
