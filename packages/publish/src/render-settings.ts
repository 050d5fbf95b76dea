import { expectOption } from '@mdwx/errors'
import { compileTheme, resolveTheme, type RenderOptions, type Theme } from '@mdwx/render'
import type { LoadedThemeSource } from './theme-source.js'

/** What every article of a run is rendered with; plain data, so render workers can receive it. */
export interface RenderSettings {
  theme: LoadedThemeSource
  referencesTitle?: string
  notesTitle?: string
  highlight?: boolean
  /** TeX formulas as inline SVG (default) or as uploaded pictures (`--math=image`). */
  math?: 'svg' | 'image'
}

export function toRenderOptions(settings: RenderSettings): RenderOptions {
  const options: RenderOptions = { theme: compileThemeSource(settings.theme) }
  if (settings.referencesTitle !== undefined) options.referencesTitle = settings.referencesTitle
  if (settings.notesTitle !== undefined) options.notesTitle = settings.notesTitle
  if (settings.highlight !== undefined) options.highlight = settings.highlight
  if (settings.math !== undefined) options.math = settings.math
  return options
}

function compileThemeSource(source: LoadedThemeSource): Theme {
  return 'builtIn' in source ? resolveTheme(source.builtIn) : compileTheme(source.css, { name: source.name })
}

/** The `math` setting as given, checked where it is given (a library caller may pass anything). */
export function mathSetting(math: unknown): { math?: 'svg' | 'image' } {
  expectOption(math === undefined || math === 'svg' || math === 'image', "'svg' or 'image'", 'math', math)
  return math === undefined ? {} : { math: math as 'svg' | 'image' }
}
