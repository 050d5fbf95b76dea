import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp'
import { decodeBmp } from '../decoders/bmp.js'
import { largestIcoEntry } from '../decoders/ico.js'
import { ImageError, tooManyPixels } from '../errors.js'
import type { ImageFormat } from '../sniff.js'
import { outlineText } from '../svg/outline-text.js'
import { MAX_INPUT_PIXELS } from './limits.js'

/** A source sharp can read, with its header already parsed; `open()` starts a fresh pipeline. */
export interface OpenedImage {
  format: ImageFormat
  metadata: Metadata
  open(extra?: SharpOptions): Sharp
  /** Characters of an SVG's text drawn as boxes: Noto Sans SC has no glyph for them (svg/outline-text.ts). */
  missingGlyphs: string[]
}

export async function openImage(data: Uint8Array, format: ImageFormat, source: string): Promise<OpenedImage> {
  const { input, options, missingGlyphs } = format === 'svg' ? await svgInput(data) : { ...sharpInput(data, format, source), missingGlyphs: [] }
  const open = (extra: SharpOptions = {}): Sharp => sharp(input, { ...options, ...extra })
  let metadata: Metadata
  try {
    metadata = await open().metadata()
  } catch (error) {
    throw sharpFailure(error, source)
  }
  const frameHeight = metadata.pageHeight ?? metadata.height
  if (metadata.width * frameHeight > MAX_INPUT_PIXELS) throw tooManyPixels(source, metadata.width, frameHeight, MAX_INPUT_PIXELS)
  return { format, metadata, open, missingGlyphs }
}

function sharpInput(data: Uint8Array, format: ImageFormat, source: string): { input: Uint8Array; options: SharpOptions } {
  const options: SharpOptions = {
    // Refuse truncated and corrupt data rather than decode it half grey. JPEG reports corrupt
    // entropy data only as a warning, so it gets the strictest level; PNG and TIFF report
    // corruption as errors but emit harmless warnings (an odd ICC profile, an unknown tag)
    // that must not refuse a good picture.
    failOn: format === 'jpeg' ? 'warning' : 'error',
    limitInputPixels: MAX_INPUT_PIXELS,
  }
  if (format === 'heic') throw heicRefused(source)
  if (format === 'bmp') {
    const bmp = decodeBmp(data, source, MAX_INPUT_PIXELS)
    return { input: bmp.data, options: { ...options, raw: { width: bmp.width, height: bmp.height, channels: bmp.channels } } }
  }
  if (format === 'ico') {
    const entry = largestIcoEntry(data, source, MAX_INPUT_PIXELS)
    if (entry.kind === 'png') return { input: entry.data, options }
    const { image } = entry
    return { input: image.data, options: { ...options, raw: { width: image.width, height: image.height, channels: image.channels } } }
  }
  return { input: data, options }
}

/**
 * An SVG with its text as glyph outlines (svg/outline-text.ts): librsvg finds no CJK font on a
 * machine without one and would draw boxes.
 */
async function svgInput(data: Uint8Array): Promise<{ input: Uint8Array; options: SharpOptions; missingGlyphs: string[] }> {
  const { svg, missingGlyphs } = await outlineText(Buffer.from(data).toString('utf8'))
  return { input: Buffer.from(svg, 'utf8'), options: { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS }, missingGlyphs }
}

/** Turns a sharp/libvips failure into our error, keeping libvips' words for the curious. */
export function sharpFailure(error: unknown, source: string): ImageError {
  const detail = error instanceof Error ? error.message.split('\n')[0]!.trim() : String(error)
  if (/pixel limit/i.test(detail)) {
    return new ImageError('MDWX_IMAGE_TOO_LARGE', source, `${source}: has more pixels than the ${MAX_INPUT_PIXELS / 1e6} megapixels allowed (${detail})`, {
      hint: 'Reduce the picture to a web size (for example 1920 pixels wide) before adding it.',
      cause: error,
    })
  }
  return new ImageError('MDWX_IMAGE_DECODE', source, `${source}: cannot be decoded, the file is truncated or damaged (${detail})`, {
    hint: 'Download or export the picture again; if it opens elsewhere, re-save it as JPEG or PNG.',
    cause: error,
  })
}

function heicRefused(source: string): ImageError {
  return new ImageError('MDWX_IMAGE_UNSUPPORTED', source, `${source}: is a HEIC/HEIF photo, which cannot be decoded here`, {
    hint:
      'Convert it to JPEG first: on macOS `sips -s format jpeg in.heic --out out.jpg`, on Linux `heif-convert in.heic out.jpg`, ' +
      'or export it as JPEG from Photos (on iPhone, Settings → Camera → Formats → Most Compatible avoids HEIC).',
  })
}
