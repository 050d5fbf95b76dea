import { MdwxError } from '@mdwx/errors'

export type ImageErrorCode =
  /** A local file does not exist, is a folder, or its path cannot be read. */
  | 'MDWX_IMAGE_NOT_FOUND'
  /** A local path resolves (through `..` or a symlink) outside the allowed root. */
  | 'MDWX_IMAGE_OUTSIDE_ROOT'
  /** An http(s) download failed: network error, timeout, HTTP 4xx/5xx, redirects. */
  | 'MDWX_IMAGE_FETCH'
  /** A URL points at a loopback, private or link-local address and that is not allowed. */
  | 'MDWX_IMAGE_PRIVATE_NETWORK'
  /** Too many bytes, too many pixels, or no way to fit the output under the size limit. */
  | 'MDWX_IMAGE_TOO_LARGE'
  /** The bytes claim a known format but are truncated or corrupt. */
  | 'MDWX_IMAGE_DECODE'
  /** Not an image, a format we cannot decode (HEIC, PDF...), or a scheme we do not load. */
  | 'MDWX_IMAGE_UNSUPPORTED'

export interface ImageErrorOptions {
  hint: string
  cause?: unknown
  /** The HTTP status, for `MDWX_IMAGE_FETCH` errors that got an answer. */
  status?: number
}

/**
 * Every error this package throws about an image. `source` is the path, URL (credentials and
 * query removed) or file name the caller gave, and the message always names it.
 */
export class ImageError extends MdwxError {
  declare readonly code: ImageErrorCode
  readonly source: string
  readonly status: number | undefined

  constructor(code: ImageErrorCode, source: string, message: string, options: ImageErrorOptions) {
    super(code, message, { hint: options.hint, cause: options.cause })
    this.source = source
    this.status = options.status
  }

  override toJSON(): Record<string, unknown> {
    const json = super.toJSON()
    json['source'] = this.source
    if (this.status !== undefined) json['status'] = this.status
    return json
  }
}

/** The decompression-bomb guard: refuse before any pixel is decoded. */
export function tooManyPixels(source: string, width: number, height: number, maxPixels: number): ImageError {
  const megapixels = ((width * height) / 1e6).toFixed(1)
  return new ImageError(
    'MDWX_IMAGE_TOO_LARGE',
    source,
    `${source}: ${width}×${height} is ${megapixels} megapixels, more than the ${(maxPixels / 1e6).toFixed(0)} megapixels allowed`,
    { hint: 'Reduce the picture to a web size (for example 1920 pixels wide) before adding it.' },
  )
}
