/** Decoded 8-bit sRGB pixels held between encodes, so each encode skips decoding and resizing. */
export interface Pixels {
  data: Buffer
  width: number
  height: number
  channels: 1 | 2 | 3 | 4
}

export function hasAlphaChannel(pixels: Pixels): boolean {
  return pixels.channels === 2 || pixels.channels === 4
}

/** True when some pixel is not fully opaque: an alpha channel full of 255 carries nothing. */
export function usesAlpha(pixels: Pixels): boolean {
  if (!hasAlphaChannel(pixels)) return false
  const { data, channels } = pixels
  for (let i = channels - 1; i < data.length; i += channels) if (data[i] !== 255) return true
  return false
}

/** Rows `flatShare` looks at, at most, evenly spread: enough to judge, constant in cost. */
const FLAT_SHARE_ROWS = 512

/**
 * The share of pixels identical to their left neighbour, on up to 512 evenly spread rows.
 * Screenshots, diagrams and illustrations have large flat runs (well over half); photos, with
 * their sensor noise and textures, almost none. It decides PNG-first versus JPEG-first for
 * opaque pictures that did not arrive as JPEG.
 */
export function flatShare(pixels: Pixels): number {
  const { data, width, height, channels } = pixels
  if (width < 2) return 1
  const step = Math.max(1, height / FLAT_SHARE_ROWS)
  let same = 0
  let counted = 0
  for (let row = 0; row < height; row += step) {
    const y = Math.floor(row)
    let at = y * width * channels + channels
    const end = (y + 1) * width * channels
    for (; at < end; at += channels) {
      let equal = true
      for (let c = 0; c < channels; c++) {
        if (data[at + c] !== data[at + c - channels]) {
          equal = false
          break
        }
      }
      if (equal) same++
      counted++
    }
  }
  return counted === 0 ? 1 : same / counted
}

/**
 * True when the picture has at most `limit` distinct colours: a GIF frame, a dithered palette
 * image. Such pictures are graphics even when dithering leaves no flat runs. Stops counting at
 * the first colour over the limit, which for a photo comes within a few hundred pixels.
 */
export function hasFewColours(pixels: Pixels, limit = 256): boolean {
  const { data, channels } = pixels
  const seen = new Set<number>()
  for (let at = 0; at < data.length; at += channels) {
    let colour = 0
    for (let c = 0; c < channels; c++) colour = colour * 256 + data[at + c]!
    seen.add(colour)
    if (seen.size > limit) return false
  }
  return true
}

/** 16 rows: a whole JPEG MCU row with 4:2:0 chroma, and enough for PNG's row filters to settle. */
const BAND_ROWS = 16
const SAMPLE_SHARE = 1 / 8
const MIN_BANDS = 4
/** 48 bands (768 rows) predict as well as more: a long screenshot samples less than an eighth. */
const MAX_BANDS = 48
/** A sample above this share of the rows saves too little: such short images are encoded for real. */
const MAX_SAMPLE_SHARE = 1 / 4

export interface PixelSample {
  pixels: Pixels
  /** The sample's share of the image's rows. */
  fraction: number
}

/**
 * Evenly spaced bands of whole rows, about an eighth of the image (at most 48 bands). Encoded
 * sizes of JPEG and PNG grow with the rows encoded, so the sample's size divided by `fraction`
 * predicts the full encode at a fraction of its cost (sky at the top and ground at the bottom
 * are both sampled).
 */
export function bandSample(pixels: Pixels): PixelSample | undefined {
  const { width, height, channels, data } = pixels
  const bands = Math.min(MAX_BANDS, Math.max(MIN_BANDS, Math.round((height * SAMPLE_SHARE) / BAND_ROWS)))
  if (bands * BAND_ROWS > height * MAX_SAMPLE_SHARE) return undefined
  const rowBytes = width * channels
  const sample = Buffer.allocUnsafe(bands * BAND_ROWS * rowBytes)
  const step = (height - BAND_ROWS) / (bands - 1)
  for (let band = 0; band < bands; band++) {
    const first = Math.round(band * step)
    data.copy(sample, band * BAND_ROWS * rowBytes, first * rowBytes, (first + BAND_ROWS) * rowBytes)
  }
  return { pixels: { data: sample, width, height: bands * BAND_ROWS, channels }, fraction: (bands * BAND_ROWS) / height }
}
