import { readFile } from 'node:fs/promises'
import type opentype from 'opentype.js'
import { woffToSfnt } from './woff-to-sfnt.js'

/**
 * Noto Sans SC from `@fontsource/noto-sans-sc`, split as the package ships it: about 100 files
 * per weight, each for a range of code points (its `unicode.json`). A file is read the first
 * time a character in its range is drawn, so a diagram in Latin letters reads one file, a
 * Chinese one a handful. This is how rasterised text gets CJK glyphs on a machine without CJK
 * fonts: librsvg would draw boxes. The WOFF files are unpacked with node:zlib (woff-to-sfnt.ts),
 * not by opentype.js, whose inflater cannot read all of them.
 */
const packageRoot = new URL('./', import.meta.resolve('@fontsource/noto-sans-sc'))

export type Weight = 400 | 700

/** A glyph to draw and the size of its font's em. */
export interface FoundGlyph {
  glyph: opentype.Glyph
  unitsPerEm: number
}

let subsetsByCodePoint: Promise<Map<number, string[]>> | undefined

/**
 * The fonts parsed last, most recent last. A parsed font keeps every glyph it has drawn (about
 * 30 kB each, points and path), so keeping them all would grow a long run (a preview server, a
 * site with many diagrams) towards a gigabyte; a file is parsed again in a few milliseconds.
 */
const fonts = new Map<string, Promise<opentype.Font | undefined>>()
const fontsKept = 32

/** Each code point's subsets, `latin` first: a character in several (punctuation) is drawn from the smallest file. */
function loadSubsets(): Promise<Map<number, string[]>> {
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

/** One subset file in one weight, parsed once; undefined when it cannot be read or parsed. */
export function loadFont(subset: string, weight: Weight): Promise<opentype.Font | undefined> {
  const key = `${subset}-${weight}`
  let font = fonts.get(key)
  if (font) {
    fonts.delete(key)
  } else {
    const file = new URL(`files/noto-sans-sc-${subset}-${weight}-normal.woff`, packageRoot)
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

/** The glyph of `codePoint` in the first subset file that has one, or undefined when none has. */
export async function glyphFor(codePoint: number, weight: Weight): Promise<FoundGlyph | undefined> {
  for (const subset of [...((await loadSubsets()).get(codePoint) ?? []), lastResort]) {
    const font = await loadFont(subset, weight)
    if (font === undefined) continue
    const index = font.charToGlyphIndex(String.fromCodePoint(codePoint))
    if (index <= 0) continue
    try {
      // opentype.js reads a glyph's data the first time it is asked for.
      return { glyph: font.glyphs.get(index), unitsPerEm: font.unitsPerEm }
    } catch {
      // Unreadable here: the next file that has the character may do.
    }
  }
  return undefined
}
