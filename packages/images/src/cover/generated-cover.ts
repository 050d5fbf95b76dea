import { expectOneOf, expectOption } from '@mdwx/errors'
import sharp from 'sharp'
import { outlineText } from '../svg/outline-text.js'
import { coverPalette, FALLBACK_COVER_COLOUR, parseColour, toHex, type Rgb } from './cover-colours.js'
import { centreSquareCrop, FULL_CROP, type CoverCrops } from './cover-crops.js'
import { balancedWrap, measureText, truncateLines, wrap, type Line, type MeasuredText } from './cover-layout.js'

/** Weixin's feed shows a cover at 2.35:1; this is that shape at a size that stays sharp on a phone. */
export const GENERATED_COVER_WIDTH = 900
export const GENERATED_COVER_HEIGHT = 383

export interface GeneratedCoverOptions {
  /** The article's title: wrapped on up to five lines, smaller the longer it is, cut with … past that. */
  title: string
  /** Drawn under the title, smaller; none when absent. */
  author?: string | undefined
  /** The background's colour, a CSS hex or rgb() colour (a theme's accent): white text on it, or a dark shade of it when it is light. Default `#0f7b6c`. */
  colour?: string | undefined
  /** Default `'png'`: flat colour and text stay crisp, and the file is small. */
  format?: 'png' | 'jpeg'
}

export interface GeneratedCover {
  data: Uint8Array
  format: 'png' | 'jpeg'
  width: number
  height: number
  /** The crops Weixin should show: the whole picture at 2.35:1, the centre square (where the text is) at 1:1. */
  crops: CoverCrops
  /** Characters of the title or author the font has no glyph for (emoji), left out of the picture. */
  missingGlyphs: string[]
}

/** The square a 1:1 share card shows: every piece of text lies inside it, with this margin. */
const SQUARE = GENERATED_COVER_HEIGHT
const MARGIN = 40
const TEXT_BOX = SQUARE - 2 * MARGIN
const CENTRE_X = GENERATED_COVER_WIDTH / 2
const TITLE_SIZES = { largest: 56, smallest: 22 }
/**
 * A short title takes one or two lines at a somewhat smaller size when it can: one line of 43 px
 * reads better than 秋天的第/一封信 at 56. A long one keeps the larger size over more lines.
 */
const FEWER_LINES_SHRINK = 0.75
const TITLE_LINE_HEIGHT = 1.32
const MAX_TITLE_LINES = 5
/** Noto Sans SC's em square reaches this far above the baseline; the rest (0.12) is below. */
const ASCENT = 0.88

/**
 * A cover for an article that has no picture: its title (and author) in Noto Sans SC, white on
 * the theme's colour (a dark shade of it on a light one), 900×383 (Weixin's 2.35:1), every
 * letter inside the centred 383×383 square so the 1:1 crop of a share card shows all of it. The text is drawn as glyph outlines
 * (svg/outline-text.ts) and rasterised by sharp, so it looks the same on a machine without CJK
 * fonts. The same options always give the same bytes.
 */
export async function generateCover(options: GeneratedCoverOptions): Promise<GeneratedCover> {
  expectOption(typeof options === 'object' && options !== null, 'an options object', 'generateCover options', options)
  const { title, author, colour = FALLBACK_COVER_COLOUR, format = 'png' } = options
  expectOption(typeof title === 'string', 'a string', 'title', title)
  expectOption(author === undefined || typeof author === 'string', 'a string', 'author', author)
  expectOption(typeof colour === 'string' && parseColour(colour) !== undefined, "a hex or rgb() colour such as '#0f7b6c'", 'colour', colour)
  expectOneOf(format, ['png', 'jpeg'] as const, 'format')

  const titleText = await measureText(title, 700)
  const authorText = author === undefined ? undefined : await measureText(author, 400)
  const palette = paletteOf(parseColour(colour)!)
  const svg = await outlineText(coverSvg(layout(titleText, authorText), palette))
  const image = sharp(Buffer.from(svg.svg))
  const data = format === 'png' ? await image.png({ compressionLevel: 9 }).toBuffer() : await image.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer()
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    format,
    width: GENERATED_COVER_WIDTH,
    height: GENERATED_COVER_HEIGHT,
    crops: { picCrop235_1: FULL_CROP, picCrop1_1: centreSquareCrop(GENERATED_COVER_WIDTH, GENERATED_COVER_HEIGHT) },
    missingGlyphs: [...new Set([...titleText.missingGlyphs, ...(authorText?.missingGlyphs ?? [])])],
  }
}

interface Palette {
  /** Gradient from the top left to the bottom right. */
  light: string
  dark: string
  /** The text, and the rule between title and author. */
  ink: string
  /** Soft shapes at the sides. */
  shape: string
}

/** A gentle diagonal gradient around the theme colour, with text that reads on all of it (cover-colours.ts). */
function paletteOf(colour: Rgb): Palette {
  const { light, dark, ink } = coverPalette(colour)
  return { light: toHex(light), dark: toHex(dark), ink: toHex(ink), shape: '#ffffff' }
}

interface Laid {
  title: { lines: Line[]; size: number }
  author: { text: string; size: number } | undefined
}

/** Block heights: the title's lines, then (with an author) a short rule and the author's line. */
function authorBlock(size: number): number {
  return 18 + 2 + 16 + size
}

/**
 * The largest title size (56 px down to 22) at which the title fits the text box in at most five
 * lines without cutting a word, balanced; or a size at most a quarter smaller that needs only one
 * or two lines. At 22 px a title still too long keeps five lines ending in an ellipsis, and a word wider
 * than a line (a URL) is cut. The author is set at 24 px, smaller (down to 14) to fit one line.
 */
function layout(title: MeasuredText, author: MeasuredText | undefined): Laid {
  let authorLine: Laid['author']
  if (author !== undefined && author.tokens.length > 0) {
    const line = wrap(author, Number.POSITIVE_INFINITY)[0]!
    let size = 24
    while (size > 14 && line.width * size > TEXT_BOX) size--
    authorLine = { text: truncateLines(wrap(author, TEXT_BOX / size), 1, TEXT_BOX / size, author.widthOf)[0]!.text, size }
  }
  const room = TEXT_BOX - (authorLine === undefined ? 0 : authorBlock(authorLine.size))
  const widest = Math.max(0, ...title.tokens.map((token) => token.width))
  const fits = (size: number) => {
    if (widest * size > TEXT_BOX && size > TITLE_SIZES.smallest) return undefined
    const count = wrap(title, TEXT_BOX / size).length
    return count <= MAX_TITLE_LINES && count * size * TITLE_LINE_HEIGHT <= room ? count : undefined
  }
  for (let size = TITLE_SIZES.largest; size >= TITLE_SIZES.smallest; size--) {
    const count = fits(size)
    if (count === undefined) continue
    // The first size with fewer lines, if it is not much smaller.
    let chosen = size
    for (let smaller = size - 1, least = count; smaller >= Math.max(TITLE_SIZES.smallest, size * FEWER_LINES_SHRINK); smaller--) {
      const fewer = fits(smaller)
      if (fewer !== undefined && fewer < least && fewer <= 2) {
        chosen = smaller
        least = fewer
      }
    }
    return { title: { lines: balancedWrap(title, TEXT_BOX / chosen), size: chosen }, author: authorLine }
  }
  const size = TITLE_SIZES.smallest
  const fitting = Math.min(MAX_TITLE_LINES, Math.floor(room / (size * TITLE_LINE_HEIGHT)))
  return { title: { lines: truncateLines(wrap(title, TEXT_BOX / size), fitting, TEXT_BOX / size, title.widthOf), size }, author: authorLine }
}

function coverSvg({ title, author }: Laid, palette: Palette): string {
  const lineHeight = title.size * TITLE_LINE_HEIGHT
  const blockHeight = title.lines.length * lineHeight + (author === undefined ? 0 : authorBlock(author.size))
  // Centred on the picture's middle; a line's ink sits in its line box like the em square does.
  let top = (GENERATED_COVER_HEIGHT - blockHeight) / 2
  const texts: string[] = []
  for (const line of title.lines) {
    const baseline = top + (lineHeight - title.size) / 2 + title.size * ASCENT
    texts.push(text(line.text, baseline, title.size, 700, palette.ink, 1, opticalShift(line.text) * title.size))
    top += lineHeight
  }
  if (author !== undefined) {
    const ruleTop = top + 18
    texts.push(`<rect x="${CENTRE_X - 16}" y="${round(ruleTop)}" width="32" height="2" rx="1" fill="${palette.ink}" fill-opacity="0.55"/>`)
    texts.push(text(author.text, ruleTop + 2 + 16 + author.size * ASCENT, author.size, 400, palette.ink, 0.88))
  }
  const { light, dark, shape } = palette
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${GENERATED_COVER_WIDTH}" height="${GENERATED_COVER_HEIGHT}" viewBox="0 0 ${GENERATED_COVER_WIDTH} ${GENERATED_COVER_HEIGHT}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>`,
    `<rect width="${GENERATED_COVER_WIDTH}" height="${GENERATED_COVER_HEIGHT}" fill="url(#g)"/>`,
    // Soft circles in the parts only the feed's wide crop shows (none reaches the centre square,
    // where a sliver would look like a flaw), to give the wide picture some depth.
    `<circle cx="62" cy="330" r="186" fill="${shape}" fill-opacity="0.07"/>`,
    `<circle cx="828" cy="30" r="150" fill="${shape}" fill-opacity="0.06"/>`,
    `<circle cx="792" cy="306" r="62" fill="none" stroke="${shape}" stroke-opacity="0.12" stroke-width="2"/>`,
    ...texts,
    '</svg>',
  ].join('')
}

/**
 * Full-width punctuation draws in one half of its em: a line ending in `：` or starting with `「`
 * looks off centre by a quarter em when centred on its advance. The shift (in ems) that centres
 * its ink instead.
 */
function opticalShift(line: string): number {
  const blankRight = /[，。、：；！？）」』】》〉〕]$/u.test(line)
  const blankLeft = /^[（「『【《〈〔]/u.test(line)
  return (blankRight ? 0.25 : 0) - (blankLeft ? 0.25 : 0)
}

function text(content: string, baseline: number, size: number, weight: 400 | 700, fill: string, opacity = 1, shift = 0): string {
  const escaped = content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const alpha = opacity === 1 ? '' : ` fill-opacity="${opacity}"`
  return `<text x="${round(CENTRE_X + shift)}" y="${round(baseline)}" font-size="${size}" font-weight="${weight}" text-anchor="middle" fill="${fill}"${alpha}>${escaped}</text>`
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
