import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { codePointsOf, compactFont } from '@mdwx/cjk-font'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'
// @ts-expect-error: a plain JavaScript build script, without types
import { generalStandardCharacters, gb2312Characters } from '../scripts/characters.mjs'

const script = fileURLToPath(new URL('../scripts/build-font.mjs', import.meta.url))

describe('@mdwx/cjk-font', () => {
  afterAll(removeTempDirs)

  it('builds the same bytes again: Latin and a range of hanzi in weight 400, byte for byte as fonts/ has them', async () => {
    const out = path.join(await createTempDir('cjk-font-build'), 'fonts')
    const { fileName, folder } = compactFont()
    await promisify(execFile)(process.execPath, [script, '--out', out, '--weights', '400', '--subsets', 'latin,119'], { env: { PATH: process.env['PATH'] ?? '', HOME: out } })
    for (const name of [fileName('latin', 400), fileName('119', 400)]) {
      expect(Buffer.compare(await readFile(path.join(out, name)), await readFile(path.join(folder, name))), name).toBe(0)
    }
    const manifest = (file: string) => readFile(file, 'utf8').then((text) => (JSON.parse(text) as { ranges: unknown }).ranges)
    expect(await manifest(path.join(out, 'manifest.json'))).toEqual(await manifest(path.join(folder, 'manifest.json')))
  })

  it('covers the 8,105 characters of 通用规范汉字表 and GB 2312, each in one file, in 400, 500 and 700, with the font licence beside them', async () => {
    const { ranges, weights, folder } = compactFont()
    expect(weights).toEqual([400, 500, 700])
    const seen = new Map<number, string>()
    for (const [range, text] of Object.entries(ranges)) {
      for (const codePoint of codePointsOf(text)) {
        expect(seen.get(codePoint), `U+${codePoint.toString(16)}`).toBeUndefined()
        seen.set(codePoint, range)
      }
    }
    const standard = generalStandardCharacters() as string[]
    expect(standard).toHaveLength(8105)
    // Those @fontsource/noto-sans-sc has: its files cover 7,401 of the 8,105 and 6,731 of GB 2312's
    // 6,763 hanzi (Google's slices of Noto Sans SC leave out the rarest, many outside the BMP).
    const full = new Set(Object.values(JSON.parse(await readFile(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/unicode.json'), 'utf8')) as Record<string, string>).flatMap(codePointsOf))
    const wanted = [...standard, ...(gb2312Characters() as string[])].filter((character) => full.has(character.codePointAt(0)!))
    for (const character of wanted) expect(seen.has(character.codePointAt(0)!), character).toBe(true)
    expect(standard.filter((character) => seen.has(character.codePointAt(0)!)).length).toBeGreaterThan(7300)
    expect(seen.has(0x4e2d)).toBe(true) // 中
    expect(seen.has(0x9f98)).toBe(false) // 龘: in neither list, left to the full font
    expect(await readFile(path.join(folder, 'OFL.txt'), 'utf8')).toContain('SIL Open Font License')
  })
})
