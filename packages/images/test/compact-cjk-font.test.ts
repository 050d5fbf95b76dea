import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it, afterAll } from 'vitest'
import { glyphFor, loadCompactFont, loadFont } from '../src/svg/noto-sans-sc.js'
import { outlineText } from '../src/svg/outline-text.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="0" y="30" font-size="24">${text}</text></svg>`

describe('outlined text from the compact Noto Sans SC (@mdwx/cjk-font)', () => {
  afterAll(removeTempDirs)

  it('draws 中 in both weights with the glyph of the compact font file that has it', async () => {
    for (const weight of [400, 700] as const) {
      const found = await glyphFor(0x4e2d, weight)
      expect(found).toBeDefined()
      const fonts = await Promise.all(Object.keys((await import('@mdwx/cjk-font')).compactFont().ranges).map((range) => loadCompactFont(range, weight)))
      const owner = fonts.find((font) => font !== undefined && font.charToGlyphIndex('中') > 0)
      expect(owner, 'a compact file has 中').toBeDefined()
      expect(found!.glyph.path.toPathData(2)).toBe(owner!.glyphs.get(owner!.charToGlyphIndex('中')).path.toPathData(2))
    }
    const { svg: drawn, missingGlyphs } = await outlineText(svg('中文'))
    expect(missingGlyphs).toEqual([])
    expect(drawn.match(/<path /g)).toHaveLength(2)
  })

  it('draws 龘, which the compact font lacks, from @fontsource/noto-sans-sc when it is installed (as in this workspace)', async () => {
    expect(await loadFont('119', 400)).toBeDefined() // the full font is here
    const { svg: drawn, missingGlyphs } = await outlineText(svg('龘'))
    expect(missingGlyphs).toEqual([])
    expect(drawn).toContain('<path ')
  })

  it('without @fontsource/noto-sans-sc, 龘 is a box named in missingGlyphs; 中 is still drawn', async () => {
    // A plain Node process running the built package, where resolving @fontsource/noto-sans-sc
    // fails as it does in an install without it (a resolve hook refuses it).
    const folder = await createTempDir('no-full-font')
    const hooks = path.join(folder, 'hooks.mjs')
    await writeFile(
      hooks,
      "export async function resolve(specifier, context, next) {\n  if (specifier.startsWith('@fontsource/noto-sans-sc')) throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' })\n  return next(specifier, context)\n}\n",
    )
    const register = path.join(folder, 'register.mjs')
    await writeFile(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
    const outline = pathToFileURL(fileURLToPath(new URL('../dist/svg/outline-text.js', import.meta.url))).href
    const script = `const { outlineText } = await import(${JSON.stringify(outline)})\nconst { svg, missingGlyphs } = await outlineText(${JSON.stringify(svg('中龘'))})\nconsole.log(JSON.stringify({ paths: svg.match(/<path /g)?.length ?? 0, missingGlyphs }))`
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(register).href, '--input-type=module', '-e', script], {
      env: { PATH: process.env['PATH'] ?? '', HOME: folder, XDG_CACHE_HOME: folder },
    })
    // 中 is a glyph; 龘 a box (drawn as a path too: the outline of its em square).
    expect(JSON.parse(stdout)).toEqual({ paths: 2, missingGlyphs: ['龘'] })
  })
})
