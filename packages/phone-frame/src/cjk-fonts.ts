import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

/** The family the CJK faces are declared under, appended to every element's font list. */
export const cjkFamily = 'Noto Sans SC'

/** The path of the font files on the servers that show the frame (the browser's page server, the preview, the emulator); served from the package, never from the network. */
export const fontPathPrefix = '/mdwx-fonts/'

/** The @font-face rules as a stylesheet at a fixed path beside the files, for pages that link it (see FontFiles.serve). */
export const fontStylesheetPath = `${fontPathPrefix}noto-sans-sc.css`

/** The weights declared: body text, the title (500, as the app sets it) and bold. Others are synthesised by the browser. */
export const weights = [400, 500, 700] as const

export interface FontFiles {
  /** @font-face rules for every subset of Noto Sans SC, in the weights above, their files at `<origin>/mdwx-fonts/`. */
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

/**
 * Noto Sans SC from @fontsource/noto-sans-sc: about a hundred subsets per weight, each declared
 * with its unicode-range, so a page loads only the few that its text uses. Kept in memory once
 * read, for the next pages of the run.
 */
export function createFontFiles(): FontFiles {
  const folder = path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json'))
  const css = weights
    .map((weight) => readFileSync(path.join(folder, `${weight}.css`), 'utf8'))
    .join('\n')
    // woff2 only (every Chromium reads it), at our own path.
    .replace(/src:\s*url\(\.\/files\/([^)]+\.woff2)\)[^;]*;/g, (_, file: string) => `src: url(@ORIGIN@${fontPathPrefix}${file}) format('woff2');`)
  const cache = new Map<string, Promise<Uint8Array | undefined>>()
  let stylesheet: Uint8Array | undefined
  const files: FontFiles = {
    css: (origin) => css.replaceAll('@ORIGIN@', origin),
    async serve(pathname) {
      if (pathname === fontStylesheetPath) return { data: (stylesheet ??= new TextEncoder().encode(files.css(''))), contentType: 'text/css; charset=utf-8' }
      if (!pathname.startsWith(fontPathPrefix)) return undefined
      const data = await files.read(pathname.slice(fontPathPrefix.length))
      return data === undefined ? undefined : { data, contentType: 'font/woff2' }
    },
    read(name) {
      if (!/^noto-sans-sc-[\w-]+\.woff2$/.test(name)) return Promise.resolve(undefined)
      let bytes = cache.get(name)
      if (!bytes) {
        bytes = readFile(path.join(folder, 'files', name)).then(
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
 * The font files when `@fontsource/noto-sans-sc` is installed (it comes with `@mdwx/browser` and
 * `mdwx`), else undefined: a page then falls back to the fonts of the browser that shows it.
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
