import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { normalizeImage } from '@mdwx/images'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { glyphFor, loadFont, type Weight } from '../src/svg/noto-sans-sc.js'
import { outlineText } from '../src/svg/outline-text.js'
import { woffToSfnt } from '../src/svg/woff-to-sfnt.js'

const unicodeJson = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/unicode.json')
const fontFolder = path.join(path.dirname(unicodeJson), 'files')
const weights: Weight[] = [400, 700]

/** Each subset file's code points, as the package's unicode.json lists them, in its order. */
async function subsetCodePoints(): Promise<Map<string, number[]>> {
  const listed = JSON.parse(await readFile(unicodeJson, 'utf8')) as Record<string, string>
  const subsets = new Map<string, number[]>()
  for (const [key, ranges] of Object.entries(listed)) {
    const codePoints: number[] = []
    for (const range of ranges.split(',')) {
      const [from, to = from] = range.trim().slice(2).split('-').map((hex) => Number.parseInt(hex, 16)) as [number, number?]
      for (let codePoint = from; codePoint <= to; codePoint++) codePoints.push(codePoint)
    }
    subsets.set(key.replace(/^\[(\d+)\]$/, '$1'), codePoints)
  }
  return subsets
}

const invisible = /^[\p{Cc}\p{Default_Ignorable_Code_Point}]$/u

function named(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(codePoint)}`
}

/**
 * Code points unicode.json lists that no file of the package has a glyph for, per subset (the
 * same in both weights). The ranges are Google Fonts' slices, shared by the CJK families, not
 * this font's coverage: the emoji and Hangul slices, most of Latin Extended, some symbols.
 */
const lackingPerSubset: Record<string, number> = {
  '4': 130, '5': 7, '6': 63, '21': 117, '85': 10, '86': 25, '87': 97, '88': 57, '89': 4, '90': 66, '91': 47, '97': 129,
  '98': 124, '99': 58, '100': 2, '101': 16, '102': 10, '103': 2, '104': 3, '105': 3, '106': 1, '107': 4, '108': 1, '109': 2,
  cyrillic: 34, vietnamese: 5, 'latin-ext': 1086, latin: 64,
}

describe('Noto Sans SC: every file, every character, both weights', () => {
  it('reads every WOFF file the package ships and outlines every code point of every subset in both weights; boxes exactly those no file has', async () => {
    // 101 subsets with a range in unicode.json, and chinese-simplified (the whole set in one file).
    const files = (await readdir(fontFolder)).filter((name) => /-(?:400|700)-normal\.woff$/.test(name))
    expect(files).toHaveLength(2 * 102)
    const subsets = await subsetCodePoints()
    expect(subsets.size).toBe(101)
    const lacking = new Map<Weight, Map<string, number[]>>()
    let outlined = 0
    for (const weight of weights) {
      // What the files map, read from their cmaps as each is read: a character may be lacking only if none has it.
      const mapped = new Set<number>()
      const addMapped = async (subset: string) => {
        const font = await loadFont(subset, weight)
        // opentype.js alone failed on subset 101 ("Data error"), in both weights.
        expect(font, `noto-sans-sc-${subset}-${weight}-normal.woff`).toBeDefined()
        const { glyphIndexMap } = font!.tables['cmap'] as unknown as { glyphIndexMap: Record<string, number> }
        for (const [codePoint, index] of Object.entries(glyphIndexMap)) if (index > 0) mapped.add(Number(codePoint))
      }
      const drawn = new Map<string, { boxed: number[]; found: Set<number> }>()
      for (const [subset, codePoints] of subsets) {
        const text = codePoints.map((codePoint) => `&#x${codePoint.toString(16)};`).join('')
        const attributes = weight === 700 ? ' font-weight="700"' : ''
        const { svg, missingGlyphs } = await outlineText(`<svg xmlns="http://www.w3.org/2000/svg"><text x="0" y="20" font-size="16"${attributes}>${text}</text></svg>`)
        expect(svg).not.toContain('<text')
        const found = new Set<number>()
        // Each drawn glyph has an outline; only the blank ones (spaces) are empty.
        for (const codePoint of codePoints) {
          const glyph = await glyphFor(codePoint, weight)
          if (glyph === undefined) continue
          found.add(codePoint)
          const empty = glyph.glyph.path.commands.length === 0
          expect(!empty || /^\s$/u.test(String.fromCodePoint(codePoint)), `${named(codePoint)} has an empty outline`).toBe(true)
          outlined++
        }
        drawn.set(subset, { boxed: missingGlyphs.map((character) => character.codePointAt(0)!), found })
        await addMapped(subset)
      }
      await addMapped('chinese-simplified')
      const perSubset = new Map<string, number[]>()
      lacking.set(weight, perSubset)
      for (const [subset, codePoints] of subsets) {
        const { boxed, found } = drawn.get(subset)!
        const unmapped = codePoints.filter((codePoint) => !mapped.has(codePoint) && !invisible.test(String.fromCodePoint(codePoint)))
        expect(boxed.map(named).sort(), `subset ${subset}, weight ${weight}`).toEqual([...new Set(unmapped)].map(named).sort())
        expect(codePoints.filter((codePoint) => found.has(codePoint) !== mapped.has(codePoint)).map(named), `subset ${subset}, weight ${weight}`).toEqual([])
        if (boxed.length > 0) perSubset.set(subset, boxed)
      }
    }
    const counts = (weight: Weight) => Object.fromEntries([...lacking.get(weight)!].map(([subset, list]) => [subset, list.length]))
    expect(counts(400)).toEqual(lackingPerSubset)
    expect(counts(700)).toEqual(lackingPerSubset)
    expect(new Set([...lacking.get(400)!.values()].flat()).size).toBe(1_877)
    // The characters that failed before: subset 101, everyday Chinese.
    for (const character of '倚凄侮呻們嗓') expect(await glyphFor(character.codePointAt(0)!, 400)).toBeDefined()
    expect(outlined).toBeGreaterThan(2 * 13_000)
    // Every glyph of the full font, each looked up in the compact font (@mdwx/cjk-font) first:
    // about 50 s alone on a 2-core machine, so more than the default minute beside other tests.
  }, 240_000)

  it('draws the 20 characters only chinese-simplified has (〘〙, ゔ, ヷ, ㄪ...)', async () => {
    const { missingGlyphs } = await outlineText('<svg><text x="0" y="20">〘〙〚〛ゔゕゖゟ゠ヷヸヹヺヿㄪㄫㄬㄭㄮㄯ</text></svg>')
    expect(missingGlyphs).toEqual([])
  })
})

describe('a character no file has', () => {
  it('is drawn as a box in the text’s colour, the width of a character, and listed once', async () => {
    const svg = (text: string) =>
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"><text x="4" y="30" font-size="28" fill="#ff0000">${text}</text></svg>`)
    const boxed = await normalizeImage(svg('中😀😀'), { filename: 'box.svg' })
    expect(boxed.missingGlyphs).toEqual(['😀'])
    const { data, info } = await sharp(boxed.data).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true })
    // Red ink where each box stands (x 32 to 60 and 60 to 88), white in the middle of each box.
    const redIn = (from: number, to: number) => {
      let red = 0
      for (let y = 0; y < info.height; y++) {
        for (let x = from; x < to; x++) {
          const at = (y * info.width + x) * info.channels
          if (data[at]! > 200 && data[at + 1]! < 80 && data[at + 2]! < 80) red++
        }
      }
      return red
    }
    expect(redIn(32, 60)).toBeGreaterThan(60)
    expect(redIn(60, 88)).toBeGreaterThan(60)
    expect(redIn(42, 50)).toBeLessThan(redIn(32, 60) / 4)
    expect(redIn(100, 160)).toBe(0)
    // Controls and invisible format characters are neither drawn nor boxed.
    expect((await normalizeImage(svg('中\u200d文\ufe0f&#x1;'), { filename: 'joiners.svg' })).missingGlyphs).toEqual([])
  })

  it('and a picture with no SVG text has none', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } }).png().toBuffer()
    expect((await normalizeImage(png, { filename: 'grey.png' })).missingGlyphs).toEqual([])
  })
})

describe('woffToSfnt', () => {
  /** The OpenType checksum of a table: its 32-bit words summed, `head` with checkSumAdjustment as zero. */
  function checksum(table: Uint8Array, isHead: boolean): number {
    const padded = new Uint8Array((table.length + 3) & ~3)
    padded.set(table)
    if (isHead) padded.fill(0, 8, 12)
    const view = new DataView(padded.buffer)
    let sum = 0
    for (let at = 0; at < padded.length; at += 4) sum = (sum + view.getUint32(at)) >>> 0
    return sum
  }

  it('unpacks subset 101 (whose cmap opentype.js could not inflate) into tables that match their checksums, 4-byte aligned', async () => {
    for (const weight of weights) {
      const sfnt = woffToSfnt(await readFile(path.join(fontFolder, `noto-sans-sc-101-${weight}-normal.woff`)))
      const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength)
      expect(view.getUint32(0)).toBe(0x00010000)
      const tables = view.getUint16(4)
      expect(tables).toBe(16)
      expect([view.getUint16(6), view.getUint16(8), view.getUint16(10)]).toEqual([256, 4, 0])
      for (let index = 0; index < tables; index++) {
        const record = 12 + index * 16
        const tag = String.fromCharCode(...sfnt.subarray(record, record + 4))
        const offset = view.getUint32(record + 8)
        expect(offset % 4, tag).toBe(0)
        const table = sfnt.subarray(offset, offset + view.getUint32(record + 12))
        expect(checksum(table, tag === 'head'), tag).toBe(view.getUint32(record + 4))
      }
    }
  })

  it('refuses what is not a WOFF file, and a table that does not inflate to its length', async () => {
    expect(() => woffToSfnt(new Uint8Array(64))).toThrow('not a WOFF file')
    const woff = new Uint8Array(await readFile(path.join(fontFolder, 'noto-sans-sc-101-400-normal.woff')))
    const view = new DataView(woff.buffer)
    // The first table (GPOS) claims one byte more than it inflates to.
    view.setUint32(44 + 12, view.getUint32(44 + 12) + 1)
    expect(() => woffToSfnt(woff)).toThrow(/GPOS/)
  })
})
