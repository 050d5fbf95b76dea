import { readFile } from 'node:fs/promises'
import type opentype from 'opentype.js'

/**
 * Noto Sans SC from `@fontsource/noto-sans-sc`, split as the package ships it: about 100 files
 * per weight, each for a range of code points (its `unicode.json`). A file is read the first
 * time a character in its range is drawn, so a diagram in Latin letters reads one file, a
 * Chinese one a handful. This is how rasterised text gets CJK glyphs on a machine without CJK
 * fonts: librsvg would draw boxes.
 */
const packageRoot = new URL('./', import.meta.resolve('@fontsource/noto-sans-sc'))

interface Range {
  subset: string
  from: number
  to: number
}

let ranges: Promise<Range[]> | undefined
const fonts = new Map<string, Promise<opentype.Font | undefined>>()

function loadRanges(): Promise<Range[]> {
  return (ranges ??= readFile(new URL('unicode.json', packageRoot), 'utf8').then((text) => {
    const list: Range[] = []
    for (const [key, value] of Object.entries(JSON.parse(text) as Record<string, string>)) {
      const subset = key.replace(/^\[(\d+)\]$/, '$1')
      for (const part of value.split(',')) {
        const [from, to] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => Number.parseInt(hex, 16))
        if (from !== undefined && Number.isFinite(from)) list.push({ subset, from, to: to ?? from })
      }
    }
    // Latin first: a character in several subsets (punctuation) is drawn from the smallest file.
    return list.sort((a, b) => Number(b.subset === 'latin') - Number(a.subset === 'latin'))
  }))
}

function loadFont(subset: string, weight: 400 | 700): Promise<opentype.Font | undefined> {
  const key = `${subset}-${weight}`
  let font = fonts.get(key)
  if (!font) {
    const file = new URL(`files/noto-sans-sc-${subset}-${weight}-normal.woff`, packageRoot)
    // opentype.js is loaded with the first font, not with @mdwx/images: most runs draw no SVG text.
    font = Promise.all([readFile(file), import('opentype.js')]).then(
      ([bytes, { default: parser }]) => parser.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
      () => undefined,
    )
    fonts.set(key, font)
  }
  return font
}

/** The font that has a glyph for `codePoint`, or undefined (the character is then left out). */
export async function fontFor(codePoint: number, weight: 400 | 700): Promise<opentype.Font | undefined> {
  const range = (await loadRanges()).find((candidate) => codePoint >= candidate.from && codePoint <= candidate.to)
  return range === undefined ? undefined : loadFont(range.subset, weight)
}
