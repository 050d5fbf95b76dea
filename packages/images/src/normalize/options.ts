import { expectOneOf, expectOption, expectPositiveInteger, expectString } from '@mdwx/errors'
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_WIDTH } from './limits.js'

export interface NormalizeOptions {
  /** Names the image in errors and warnings (a path or URL); default `'image'`. */
  filename?: string
  /** Wider images are reduced to this width (never enlarged); default 1920. */
  maxWidth?: number
  /** The output for `uploadimg` stays at or under this many bytes; default 1,000,000. */
  maxBytes?: number
  /** `'animate'` (default) keeps an animated GIF moving; `'still'` keeps its first frame. */
  gif?: 'animate' | 'still'
  /** The colour transparent pixels become when a picture must be flattened to JPEG; default `'#ffffff'`. */
  background?: string
}

export interface ResolvedNormalizeOptions {
  source: string
  maxWidth: number
  maxBytes: number
  gif: 'animate' | 'still'
  background: string
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i
/** Below this no useful picture fits; a typo such as `maxBytes: 1000` is more likely. */
const MIN_MAX_BYTES = 4096

export function resolveNormalizeOptions(options: NormalizeOptions = {}): ResolvedNormalizeOptions {
  expectOption(typeof options === 'object' && options !== null, 'an options object', 'normalizeImage options', options)
  const { filename = 'image', maxWidth = DEFAULT_MAX_WIDTH, maxBytes = DEFAULT_MAX_BYTES, gif = 'animate', background = '#ffffff' } = options
  expectString(filename, 'filename')
  expectPositiveInteger(maxWidth, 'maxWidth')
  expectPositiveInteger(maxBytes, 'maxBytes')
  expectOption(maxBytes >= MIN_MAX_BYTES, `an integer of at least ${MIN_MAX_BYTES}`, 'maxBytes', maxBytes)
  expectOneOf(gif, ['animate', 'still'] as const, 'gif')
  expectOption(typeof background === 'string' && HEX_COLOUR.test(background), "a hex colour such as '#ffffff'", 'background', background)
  return { source: filename, maxWidth, maxBytes, gif, background }
}
