import { installedFontFiles, type FontFiles } from '@mdwx/phone-frame'

let fonts: FontFiles | undefined | null = null

/**
 * Noto Sans SC for the article pages, as `mdwx screenshot` and `mdwx preview` show it, when
 * `@fontsource/noto-sans-sc` is installed (with `mdwx` or `@mdwx/browser`); undefined otherwise,
 * and the pages use the browser's own fonts. Looked for once, on the first page that needs it.
 */
export function pageFonts(): FontFiles | undefined {
  if (fonts === null) fonts = installedFontFiles()
  return fonts
}
