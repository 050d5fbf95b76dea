import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { compactFont, fullFontFolder } from '@mdwx/cjk-font'

/** The family the CJK faces are declared under, appended to every element's font list. */
export const cjkFamily = 'Noto Sans SC'

/** The path of the font files on the servers that show the frame (the browser's page server, the preview, the emulator); served from the package, never from the network. */
export const fontPathPrefix = '/mdwx-fonts/'

/** The @font-face rules as a stylesheet at a fixed path beside the files, for pages that link it (see FontFiles.serve). */
export const fontStylesheetPath = `${fontPathPrefix}noto-sans-sc.css`

/** The weights declared: body text, the title (500, as the app sets it) and bold. Others are synthesised by the browser. */
export const weights = [400, 500, 700] as const

export interface FontFiles {
  /** @font-face rules for every file of Noto Sans SC, in the weights above, their files at `<origin>/mdwx-fonts/`. */
  css(origin: string): string
  /** The bytes of one font file by its name, or undefined when it is not one of ours. */
  read(name: string): Promise<Uint8Array | undefined>
  /**
   * What a server answers for a request's path: the stylesheet (`fontStylesheetPath`, its files
   * on the same origin) or one font file, by fixed names only; undefined for any other path. No
   * part of the path is joined to a folder: a file name must match the package's naming.
   */
  serve(pathname: string): Promise<{ data: Uint8Array; contentType: string } | undefined>
}

/** The compact font's files (WOFF) and the full font's (WOFF2): by their names, what each is. */
const compactName = /^noto-sans-sc-[\w-]+-\d00\.woff$/
const fullName = /^noto-sans-sc-[\w-]+-normal\.woff2$/

/**
 * Noto Sans SC from @mdwx/cjk-font (the characters Chinese articles use, a file per range and
 * weight, each declared with its unicode-range, so a page loads only the few its text uses) and,
 * when `@fontsource/noto-sans-sc` is installed, the whole font from it for any other character:
 * its faces are declared first, as a browser tries the faces of one family and weight in the
 * reverse order of their rules. Without it such a character shows in a fallback font of the
 * browser, or as a box. Kept in memory once read, for the next pages of the run.
 */
export function createFontFiles(): FontFiles {
  const compact = compactFont()
  const fullFolder = fullFontFolder()
  const fullCss =
    fullFolder === undefined
      ? ''
      : weights
          .map((weight) => readFileSync(path.join(fullFolder, `${weight}.css`), 'utf8'))
          .join('\n')
          // woff2 only (every Chromium reads it), at our own path.
          .replace(/src:\s*url\(\.\/files\/([^)]+\.woff2)\)[^;]*;/g, (_, file: string) => `src: url(@ORIGIN@${fontPathPrefix}${file}) format('woff2');`)
  const compactCss = weights
    .flatMap((weight) =>
      Object.entries(compact.ranges).map(
        ([range, unicodeRange]) =>
          `@font-face {\n  font-family: '${cjkFamily}';\n  font-style: normal;\n  font-display: swap;\n  font-weight: ${weight};\n  src: url(@ORIGIN@${fontPathPrefix}${compact.fileName(range, weight)}) format('woff');\n  unicode-range: ${unicodeRange};\n}\n`,
      ),
    )
    .join('')
  const css = `${fullCss}\n${compactCss}`
  const cache = new Map<string, Promise<Uint8Array | undefined>>()
  let stylesheet: Uint8Array | undefined
  const fileOf = (name: string): string | undefined => {
    if (compactName.test(name)) return path.join(compact.folder, name)
    if (fullFolder !== undefined && fullName.test(name)) return path.join(fullFolder, 'files', name)
    return undefined
  }
  const files: FontFiles = {
    css: (origin) => css.replaceAll('@ORIGIN@', origin),
    async serve(pathname) {
      if (pathname === fontStylesheetPath) return { data: (stylesheet ??= new TextEncoder().encode(files.css(''))), contentType: 'text/css; charset=utf-8' }
      if (!pathname.startsWith(fontPathPrefix)) return undefined
      const name = pathname.slice(fontPathPrefix.length)
      const data = await files.read(name)
      return data === undefined ? undefined : { data, contentType: name.endsWith('.woff2') ? 'font/woff2' : 'font/woff' }
    },
    read(name) {
      const file = fileOf(name)
      if (file === undefined) return Promise.resolve(undefined)
      let bytes = cache.get(name)
      if (!bytes) {
        bytes = readFile(file).then(
          (data) => new Uint8Array(data),
          () => undefined,
        )
        cache.set(name, bytes)
      }
      return bytes
    },
  }
  return files
}

/**
 * The font files (@mdwx/cjk-font comes with @mdwx/phone-frame, and so with `mdwx` and
 * `@mdwx/browser`), or undefined when they cannot be read: a page then falls back to the fonts
 * of the browser that shows it.
 */
export function installedFontFiles(): FontFiles | undefined {
  try {
    return createFontFiles()
  } catch {
    return undefined
  }
}

/** Keeps the document from being laid out until the faces its text needs are loaded (see useCjkFallback). */
export const holdLayoutId = 'mdwx-hold-layout'
export const holdLayoutStyle = `<style id="${holdLayoutId}">html{display:none!important}</style>`

/**
 * Runs in the page, which the stylesheet `holdLayoutStyle` keeps hidden: appends the CJK family
 * to the font list of every element, loads the faces its text needs, and only then lets the page
 * be laid out. A phone falls back to its own CJK font for characters the listed fonts lack;
 * Chromium falls back only to system fonts, and a machine may have none, so without this Chinese
 * shows as empty boxes. The faces are loaded before the first layout because text shaped while a
 * face was still loading can keep its empty boxes after the face arrives (seen with a system
 * monospace font first in the list).
 */
export async function useCjkFallback({ family, weights, holdId }: { family: string; weights: readonly number[]; holdId: string }): Promise<number> {
  const started = performance.now()
  const quoted = `"${family}"`
  // Every style read first, then every list written: reading after a write would recompute styles once per element.
  const elements = [document.documentElement, ...Array.from(document.querySelectorAll<HTMLElement | SVGElement>('*'))]
  const styles = elements.map((element) => {
    const style = getComputedStyle(element)
    return { fonts: style.fontFamily, weight: Number(style.fontWeight) }
  })
  // The text of each weight apart: a face is loaded only in the weight its characters are shown in.
  const nearest = (weight: number) => weights.reduce((best, candidate) => (Math.abs(candidate - weight) < Math.abs(best - weight) ? candidate : best))
  const textOf = new Map<number, string[]>()
  elements.forEach((element, index) => {
    const { fonts, weight } = styles[index]!
    if (!fonts.includes(family)) element.style.setProperty('font-family', `${fonts}, ${quoted}`, 'important')
    let own = ''
    for (const node of Array.from(element.childNodes)) if (node.nodeType === Node.TEXT_NODE) own += node.textContent ?? ''
    if (own.trim() === '') return
    const bucket = nearest(weight)
    const texts = textOf.get(bucket)
    if (texts) texts.push(own)
    else textOf.set(bucket, [own])
  })
  await Promise.all([...textOf].map(([weight, texts]) => document.fonts.load(`${weight} 16px ${quoted}`, texts.join(''))))
  document.getElementById(holdId)?.remove()
  await document.fonts.ready
  return performance.now() - started
}
