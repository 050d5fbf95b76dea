import { FALLBACK_COVER_COLOUR, parseColour } from '@mdwx/images'
import type { LoadedThemeSource } from './theme-source.js'

/**
 * The custom properties a theme's main colour goes by, in order: mdwx's themes call it
 * `--accent`; hand-written themes often say `--primary` or `--theme-color`.
 */
const colourVariables = ['--accent', '--primary', '--primary-color', '--theme-color', '--main-color', '--brand-color']

/**
 * The colour a generated cover is drawn on: the theme's accent (`--accent` on `:root`, as every
 * built-in theme declares it), else the default theme's teal when the theme names none that is a
 * hex or rgb() colour. Compiling a theme is cheap, and happens only when a cover is generated.
 */
export async function coverColourOf(theme: LoadedThemeSource): Promise<string> {
  const { compileTheme, resolveTheme } = await import('@mdwx/render')
  const compiled = 'builtIn' in theme ? resolveTheme(theme.builtIn) : compileTheme(theme.css, { name: theme.name })
  for (const name of colourVariables) {
    const value = compiled.sheet.variables.get(name)
    if (value !== undefined && parseColour(value) !== undefined) return value
  }
  return FALLBACK_COVER_COLOUR
}
