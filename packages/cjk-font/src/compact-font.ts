import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MdwxError } from '@mdwx/errors'

/** The folder scripts/build-font.mjs writes, beside dist/ and src/. */
const folder = fileURLToPath(new URL('../fonts/', import.meta.url))

/** Noto Sans SC cut to the characters Chinese articles use: one WOFF file per range of code points and weight. */
export interface CompactFont {
  /** The family the files are of: Noto Sans SC. */
  family: string
  /** The weights there are files for: 400, 500 and 700. */
  weights: readonly number[]
  /** Each file's characters as a CSS unicode-range, by the name of its range (as @fontsource/noto-sans-sc names them); a character is in one file only. */
  ranges: Readonly<Record<string, string>>
  /** The name of one range's file in one weight, in `folder`. */
  fileName(range: string, weight: number): string
  /** The absolute path of the folder of the files (and their licence, OFL.txt). */
  folder: string
}

interface Manifest {
  family: string
  weights: number[]
  ranges: Record<string, string>
}

let loaded: CompactFont | undefined

/**
 * The compact font, from the manifest the build wrote. Throws when the files are not there: a
 * workspace where `pnpm install` did not run its `prepare` (which builds them).
 */
export function compactFont(): CompactFont {
  if (loaded) return loaded
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(`${folder}manifest.json`, 'utf8')) as Manifest
  } catch (cause) {
    throw new MdwxError('MDWX_CJK_FONT_MISSING', `The compact Noto Sans SC is not built: ${folder}manifest.json cannot be read.`, {
      hint: 'In the mdwx repository run "pnpm install" (or node packages/cjk-font/scripts/build-font.mjs); an installed @mdwx/cjk-font ships the files, so reinstall it.',
      cause,
    })
  }
  loaded = {
    family: manifest.family,
    weights: manifest.weights,
    ranges: manifest.ranges,
    fileName: (range, weight) => `noto-sans-sc-${range}-${weight}.woff`,
    folder,
  }
  return loaded
}
