import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { codePointsOf, compactFont, fullFontFolder } from '@mdwx/cjk-font'
import type opentype from 'opentype.js'
import { woffToSfnt } from './woff-to-sfnt.js'

/**
 * Noto Sans SC, first from `@mdwx/cjk-font` (the characters Chinese articles use, 6 MB), then,
 * for a character it lacks, from `@fontsource/noto-sans-sc` (all of it, 75 MB) when that is
 * installed. Both are split into files per range of code points and weight; a file is read the
 * first time a character in its range is drawn, so a diagram in Latin letters reads one file, a
 * Chinese one a handful. This is how rasterised text gets CJK glyphs on a machine without CJK
 * fonts: librsvg would draw boxes. A character neither has is drawn as a box and named in
 * `missingGlyphs` (outline-text.ts). The WOFF files are unpacked with node:zlib
 * (woff-to-sfnt.ts), not by opentype.js, whose inflater cannot read all of them.
 */
const fullFolder = fullFontFolder()
const packageRoot = fullFolder === undefined ? undefined : pathToFileURL(`${fullFolder}/`)

export type Weight = 400 | 700

/** A glyph to draw and the size of its font's em. */
export interface FoundGlyph {
  glyph: opentype.Glyph
  unitsPerEm: number
}

let subsetsByCodePoint: Promise<Map<number, string[]>> | undefined
let compactRangeByCodePoint: Map<number, string> | undefined

/**
 * The fonts parsed last, most recent last. A parsed font keeps every glyph it has drawn (about
 * 30 kB each, points and path), so keeping them all would grow a long run (a preview server, a
 * site with many diagrams) towards a gigabyte; a file is parsed again in a few milliseconds.
 */
const fonts = new Map<string, Promise<opentype.Font | undefined>>()
const fontsKept = 32

/** Each code point's subsets, `latin` first: a character in several (punctuation) is drawn from the smallest file. */
function loadSubsets(): Promise<Map<number, string[]>> {
  if (packageRoot === undefined) return Promise.resolve(new Map())
  return (subsetsByCodePoint ??= readFile(new URL('unicode.json', packageRoot), 'utf8').then((text) => {
    const entries = Object.entries(JSON.parse(text) as Record<string, string>)
    entries.sort(([a], [b]) => Number(b === 'latin') - Number(a === 'latin'))
    const map = new Map<number, string[]>()
    for (const [key, value] of entries) {
      const subset = key.replace(/^\[(\d+)\]$/, '$1')
      for (const part of value.split(',')) {
        const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => Number.parseInt(hex, 16))
        if (from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to)) continue
        for (let codePoint = from; codePoint <= to; codePoint++) {
          const list = map.get(codePoint)
          if (list) list.push(subset)
          else map.set(codePoint, [subset])
        }
      }
    }
    return map
  }))
}

/** The compact font's file for each code point it has (a character is in one file only). */
function compactRanges(): Map<number, string> {
  if (compactRangeByCodePoint) return compactRangeByCodePoint
  compactRangeByCodePoint = new Map()
  for (const [range, text] of Object.entries(compactFont().ranges)) for (const codePoint of codePointsOf(text)) compactRangeByCodePoint.set(codePoint, range)
  return compactRangeByCodePoint
}

/** One subset file of `@fontsource/noto-sans-sc` in one weight, parsed once; undefined when it cannot be read or parsed, or the package is not installed. */
export function loadFont(subset: string, weight: Weight): Promise<opentype.Font | undefined> {
  if (packageRoot === undefined) return Promise.resolve(undefined)
  return parsedFont(`full-${subset}-${weight}`, new URL(`files/noto-sans-sc-${subset}-${weight}-normal.woff`, packageRoot))
}

/** One file of the compact font (@mdwx/cjk-font) in one weight, parsed once; undefined when it cannot be read or parsed. */
export function loadCompactFont(range: string, weight: Weight): Promise<opentype.Font | undefined> {
  const font = compactFont()
  return parsedFont(`compact-${range}-${weight}`, pathToFileURL(path.join(font.folder, font.fileName(range, weight))))
}

function parsedFont(key: string, file: URL): Promise<opentype.Font | undefined> {
  let font = fonts.get(key)
  if (font) {
    fonts.delete(key)
  } else {
    // opentype.js is loaded with the first font, not with @mdwx/images: most runs draw no SVG text.
    // A font that cannot be read or parsed draws nothing: its characters are missing glyphs, drawn
    // as boxes and reported, never a failed picture.
    font = Promise.all([readFile(file), import('opentype.js')])
      .then(([bytes, { default: parser }]) => parser.parse(woffToSfnt(bytes).buffer))
      .catch(() => undefined)
    if (fonts.size >= fontsKept) fonts.delete(fonts.keys().next().value!)
  }
  fonts.set(key, font)
  return font
}

/**
 * The package's one file without a range in `unicode.json`: the whole simplified Chinese set in
 * 1.5 MB. It has 20 characters no numbered subset has (〘〙〚〛, ゔ, ヷ-ヺ, ㄪ-ㄯ...), so it is read,
 * once, only for a character no subset has a glyph for.
 */
const lastResort = 'chinese-simplified'

/**
 * The glyph of `codePoint` in the compact font, else in the first subset file of the full font
 * that has one; undefined when none has (or the full font is not installed).
 */
export async function glyphFor(codePoint: number, weight: Weight): Promise<FoundGlyph | undefined> {
  const range = compactRanges().get(codePoint)
  const compact = range === undefined ? undefined : glyphIn(await loadCompactFont(range, weight), codePoint)
  if (compact) return compact
  if (packageRoot === undefined) return undefined
  for (const subset of [...((await loadSubsets()).get(codePoint) ?? []), lastResort]) {
    const found = glyphIn(await loadFont(subset, weight), codePoint)
    if (found) return found
  }
  return undefined
}

function glyphIn(font: opentype.Font | undefined, codePoint: number): FoundGlyph | undefined {
  if (font === undefined) return undefined
  const index = font.charToGlyphIndex(String.fromCodePoint(codePoint))
  if (index <= 0) return undefined
  try {
    // opentype.js reads a glyph's data the first time it is asked for.
    return { glyph: font.glyphs.get(index), unitsPerEm: font.unitsPerEm }
  } catch {
    // Unreadable here: the next file that has the character may do.
    return undefined
  }
}
